import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Account, parseEmail } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { activeAccount } from '../shared/active-account.js';
import { Aggregates } from '../shared/aggregates.js';
import { claimLogins } from '../shared/sign-in-logins.js';
import { RegisterEmailCommand } from './register-email.command.js';

@CommandHandler(RegisterEmailCommand)
export class RegisterEmailHandler implements ICommandHandler<RegisterEmailCommand, Account> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId, email, issuedBy }: RegisterEmailCommand): Promise<Account> {
    // The email becomes a sign-in login: claimed first, so one taken by another account changes nothing.
    const parsed = parseEmail(email);
    if (parsed !== null) await claimLogins(this.aggregates, accountId, [parsed], issuedBy);
    const outcome = await this.aggregates.accounts.run(
      accountId,
      { type: 'RegisterEmail', email, now: this.clock.now() },
      issuedBy,
    );
    return activeAccount(outcome.state);
  }
}
