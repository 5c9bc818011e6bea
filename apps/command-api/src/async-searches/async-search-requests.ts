import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type Account,
  type AsyncSearchCommand,
  type AsyncSearchEvent,
  type ExistingAsyncSearch,
  asyncSearchDecider,
  asyncSearchQuotaDecider,
  fold,
  streamNames,
} from '#domain';
import { EVENT_STORE, type EventStore, WrongExpectedRevisionError } from '#event-store';
import { BLOB_STORE, type BlobStore, reasonOf } from '#infra';
import { CLOCK, type Clock, upcast } from '#runtime';
import { CommandGateway, type IssuedBy } from '../commands/command-gateway.js';
import { ApiProblem } from '../http/problem.js';
import { type RequestAsyncSearchBody, isExisting } from './async-search.dto.js';
import { asyncSearchDeciderRecordingColumns } from './owner-columns.decider.js';

const asyncSearchIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The generic handler re-decides a lost race 10 times; eleven requests at once can need one round more. */
const slotRounds = 5;

/**
 * The use cases of the asynchronous search: request (with the per-account limit), retry, delete. The limit
 * lives in `asyncsearchquota-<accountId>`: a slot is taken with the exact expected revision (so racing
 * requests cannot make 11), the search is then created with "no stream", and the slot is released again
 * when that fails and when the search is deleted.
 */
@Injectable()
export class AsyncSearchRequests {
  private readonly logger = new Logger('async-searches');

  constructor(
    private readonly commands: CommandGateway,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async request(body: RequestAsyncSearchBody, account: Account, correlationId: string) {
    const asyncSearchId = randomUUID();
    const command: AsyncSearchCommand = {
      type: 'RequestAsyncSearch',
      asyncSearchId,
      ownerId: account.id,
      criteria: body.criteria as Record<string, string>,
      memo: body.memo ?? null,
      notify: body.notify ?? false,
      ownerHasEmail: account.email !== null,
      encoding: body.encoding ?? 'utf-8',
      now: this.clock.now(),
    };
    // Deciding is pure: bad input is refused before a slot is taken for it.
    asyncSearchDecider.decide(command, asyncSearchDecider.initialState());
    const issuedBy: IssuedBy = { account, correlationId };
    await this.takeSlot(account.id, asyncSearchId, issuedBy);
    try {
      const outcome = await this.commands.run(
        streamNames.asyncSearch(asyncSearchId),
        asyncSearchDeciderRecordingColumns(account.columns),
        command,
        issuedBy,
      );
      const state = outcome.state as ExistingAsyncSearch;
      return { id: asyncSearchId, status: state.status, requestedAt: state.request.requestedAt };
    } catch (error) {
      await this.releaseSlot(account.id, asyncSearchId, issuedBy);
      throw error;
    }
  }

  async retry(search: ExistingAsyncSearch, account: Account, correlationId: string) {
    const { asyncSearchId } = search.request;
    const outcome = await this.commands.run(
      streamNames.asyncSearch(asyncSearchId),
      asyncSearchDecider,
      { type: 'RetryAsyncSearch', now: this.clock.now() },
      { account, correlationId },
    );
    return { id: asyncSearchId, status: (outcome.state as ExistingAsyncSearch).status, version: outcome.version };
  }

  async delete(search: ExistingAsyncSearch, account: Account, correlationId: string): Promise<void> {
    const { asyncSearchId, ownerId } = search.request;
    const issuedBy: IssuedBy = { account, correlationId };
    const stream = streamNames.asyncSearch(asyncSearchId);
    await this.commands.run(stream, asyncSearchDecider, { type: 'DeleteAsyncSearch', now: this.clock.now() }, issuedBy);
    // Files recorded before the delete, read after it: a worker that succeeded in between is included,
    // and one finishing later is refused by the decider and removes its own file.
    const recorded = await this.eventStore.readStream(stream);
    for (const event of recorded) {
      if (event.type === 'AsyncSearchSucceeded') await this.blobStore.delete((event.data as { fileId: string }).fileId);
    }
    await this.releaseSlot(ownerId, asyncSearchId, issuedBy);
  }

  /** The search, if it exists and `account` may see it; otherwise 404 (another account never learns it exists). */
  async findVisible(asyncSearchId: string, account: Account): Promise<ExistingAsyncSearch> {
    const notFound = new ApiProblem('NOT_FOUND', `no async search ${asyncSearchId}`);
    if (!asyncSearchIdPattern.test(asyncSearchId)) throw notFound;
    const recorded = await this.eventStore.readStream(streamNames.asyncSearch(asyncSearchId));
    const state = fold(asyncSearchDecider, recorded.map(upcast) as AsyncSearchEvent[]);
    if (!isExisting(state)) throw notFound;
    if (state.request.ownerId !== account.id && !account.roles.includes('admin')) throw notFound;
    return state;
  }

  private async takeSlot(accountId: string, asyncSearchId: string, issuedBy: IssuedBy): Promise<void> {
    for (let round = 1; ; round++) {
      try {
        await this.commands.run(
          streamNames.asyncSearchQuota(accountId),
          asyncSearchQuotaDecider,
          { type: 'TakeAsyncSearchSlot', accountId, asyncSearchId },
          issuedBy,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= slotRounds) throw error;
      }
    }
  }

  private async releaseSlot(accountId: string, asyncSearchId: string, issuedBy: IssuedBy): Promise<void> {
    try {
      await this.commands.run(
        streamNames.asyncSearchQuota(accountId),
        asyncSearchQuotaDecider,
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
