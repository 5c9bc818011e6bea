import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, parsePassword } from '#domain';
import { PASSWORD_HASHER, type PasswordHasher, SESSION_STORE, type SessionStore } from '#infra';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { findAccount } from '../shared/active-account.js';
import { claimLogins, loginsOf } from '../shared/sign-in-logins.js';
import { SetAccountPasswordCommand } from './set-account-password.command.js';

@CommandHandler(SetAccountPasswordCommand)
export class SetAccountPasswordHandler implements ICommandHandler<SetAccountPasswordCommand, void> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  async execute({ accountId, password, issuedBy }: SetAccountPasswordCommand): Promise<void> {
    const clear = parsePassword(password);
    const account = await findAccount(this.aggregates, accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'account not found');
    const passwordHash = await this.hasher.hash(clear);
    // Accounts made before sign-in existed get their logins bound the first time they have a password.
    await claimLogins(this.aggregates, account.id, loginsOf(account), issuedBy);
    await this.aggregates.accounts.run(
      account.id,
      { type: 'SetPassword', passwordHash, now: this.clock.now() },
      issuedBy,
    );
    await this.sessions.revokeAllOf(account.id);
  }
}
