import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AsyncSearchCommand, type ExistingAsyncSearch, asyncSearchDecider } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { AsyncSearchSlots } from '../shared/async-search-slots.js';
import { RequestAsyncSearchCommand, type RequestedAsyncSearch } from './request-async-search.command.js';

/**
 * Takes a slot of the owner's quota, then creates the search ("no stream"); the slot is released again
 * when the creation fails. The owner's list columns are recorded for narrowing.
 */
@CommandHandler(RequestAsyncSearchCommand)
export class RequestAsyncSearchHandler implements ICommandHandler<RequestAsyncSearchCommand, RequestedAsyncSearch> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly slots: AsyncSearchSlots,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, owner, issuedBy }: RequestAsyncSearchCommand): Promise<RequestedAsyncSearch> {
    const asyncSearchId = randomUUID();
    const command: AsyncSearchCommand = {
      type: 'RequestAsyncSearch',
      asyncSearchId,
      ownerId: owner.id,
      criteria: request.criteria as Record<string, string>,
      memo: request.memo ?? null,
      notify: request.notify ?? false,
      ownerHasEmail: owner.email !== null,
      encoding: request.encoding ?? 'utf-8',
      narrowingColumns: owner.columns,
      now: this.clock.now(),
    };
    // Deciding is pure: bad input is refused before a slot is taken for it.
    asyncSearchDecider.decide(command, asyncSearchDecider.initialState());
    await this.slots.take(owner.id, asyncSearchId, issuedBy);
    try {
      const outcome = await this.aggregates.asyncSearches.run(asyncSearchId, command, issuedBy);
      const state = outcome.state as ExistingAsyncSearch;
      return { id: asyncSearchId, status: state.status, requestedAt: state.request.requestedAt };
    } catch (error) {
      await this.slots.release(owner.id, asyncSearchId, issuedBy);
      throw error;
    }
  }
}
