import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ExistingAsyncSearch } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { VisibleAsyncSearches } from '../shared/visible-async-search.js';
import { RetryAsyncSearchCommand } from './retry-async-search.command.js';

@CommandHandler(RetryAsyncSearchCommand)
export class RetryAsyncSearchHandler implements ICommandHandler<RetryAsyncSearchCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly visible: VisibleAsyncSearches,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ asyncSearchId, account, issuedBy }: RetryAsyncSearchCommand) {
    await this.visible.find(asyncSearchId, account);
    const outcome = await this.aggregates.asyncSearches.run(
      asyncSearchId,
      { type: 'RetryAsyncSearch', now: this.clock.now() },
      issuedBy,
    );
    return { id: asyncSearchId, status: (outcome.state as ExistingAsyncSearch).status, version: outcome.version };
  }
}
