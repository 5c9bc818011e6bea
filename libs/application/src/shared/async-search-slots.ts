import { Injectable, Logger } from '@nestjs/common';
import { WrongExpectedRevisionError } from '#event-store';
import { reasonOf } from '#infra';
import type { CommandContext } from '#kernel';
import { Aggregates } from './aggregates.js';

/** The runner re-decides a lost race 10 times; eleven requests at once can need one round more. */
const slotRounds = 5;

/**
 * The per-account limit of kept async searches lives in `asyncsearchquota-<accountId>`: a slot is taken
 * with the exact expected revision (so racing requests cannot make 11), and released when the search
 * could not be created and when it is deleted.
 */
@Injectable()
export class AsyncSearchSlots {
  private readonly logger = new Logger('async-searches');

  constructor(private readonly aggregates: Aggregates) {}

  async take(accountId: string, asyncSearchId: string, issuedBy: CommandContext): Promise<void> {
    for (let round = 1; ; round++) {
      try {
        await this.aggregates.asyncSearchQuotas.run(
          accountId,
          { type: 'TakeAsyncSearchSlot', accountId, asyncSearchId },
          issuedBy,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= slotRounds) throw error;
      }
    }
  }

  async release(accountId: string, asyncSearchId: string, issuedBy: CommandContext): Promise<void> {
    try {
      await this.aggregates.asyncSearchQuotas.run(
        accountId,
        { type: 'ReleaseAsyncSearchSlot', accountId, asyncSearchId },
        issuedBy,
      );
    } catch (error) {
      // The slot stays taken by a search that does not exist; logged so an operator can release it.
      this.logger.error({
        message: 'could not release an async-search slot',
        accountId,
        asyncSearchId,
        error: reasonOf(error),
      });
    }
  }
}
