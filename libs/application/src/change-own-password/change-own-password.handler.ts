import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, parsePassword } from '#domain';
import { PASSWORD_HASHER, type PasswordHasher, SESSION_STORE, type SessionStore } from '#infra';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { activeAccount, findAccount } from '../shared/active-account.js';
import { claimLogins, loginsOf } from '../shared/sign-in-logins.js';
import { ChangeOwnPasswordCommand, type ChangedPassword } from './change-own-password.command.js';

@CommandHandler(ChangeOwnPasswordCommand)
export class ChangeOwnPasswordHandler implements ICommandHandler<ChangeOwnPasswordCommand, ChangedPassword> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
  ) {}

  async execute(command: ChangeOwnPasswordCommand): Promise<ChangedPassword> {
    const password = parsePassword(command.password);
    const account = await findAccount(this.aggregates, command.accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'account not found');
    // Without a password yet there is nothing to prove: an admin sets the first one.
    if (!(await this.hasher.verify(command.current, account.passwordHash))) {
      throw DomainError.validation([{ field: 'current', message: 'is not the current password' }]);
    }
    const passwordHash = await this.hasher.hash(password);
    // Accounts made before sign-in existed get their logins bound the first time they have a password.
    await claimLogins(this.aggregates, account.id, loginsOf(account), command.issuedBy);
    const outcome = await this.aggregates.accounts.run(
      account.id,
      { type: 'ChangeOwnPassword', passwordHash, now: this.clock.now() },
      command.issuedBy,
    );
    await this.sessions.revokeAllOf(account.id);
    if (command.sessionId === null) return { session: null };
    // The new session opens at or after the change, so `sessionsValidFrom` does not refuse it.
    const opened = await this.sessions.open(activeAccount(outcome.state).id, this.clock.now());
    return { session: opened };
  }
}
