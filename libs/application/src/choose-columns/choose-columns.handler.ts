import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Account } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { activeAccount } from '../shared/active-account.js';
import { Aggregates } from '../shared/aggregates.js';
import { ChooseColumnsCommand } from './choose-columns.command.js';

@CommandHandler(ChooseColumnsCommand)
export class ChooseColumnsHandler implements ICommandHandler<ChooseColumnsCommand, Account> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId, columns, issuedBy }: ChooseColumnsCommand): Promise<Account> {
    const outcome = await this.aggregates.accounts.run(
      accountId,
      { type: 'ChooseColumns', columns, now: this.clock.now() },
      issuedBy,
    );
    return activeAccount(outcome.state);
  }
}
