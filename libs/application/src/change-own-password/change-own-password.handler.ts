import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, parsePassword } from '#domain';
import {
  PASSWORD_HASHER,
  type PasswordHasher,
  SESSION_STORE,
  SIGN_IN_THROTTLE,
  type SessionStore,
  type SignInThrottle,
} from '#infra';
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
    @Inject(SIGN_IN_THROTTLE) private readonly throttle: SignInThrottle,
  ) {}

  async execute(command: ChangeOwnPasswordCommand): Promise<ChangedPassword> {
    const password = parsePassword(command.password);
    const account = await findAccount(this.aggregates, command.accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'account not found');
    // A stolen session must not become a way to guess the password: wrong current passwords count like
    // failed sign-ins, under a key of their own per account (the same brake, shared across instances).
    const throttleKey = `current-password:${account.id}`;
    const verdict = await this.throttle.check(throttleKey, this.clock.now());
    if (!verdict.allowed) return { outcome: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
    // Without a password yet there is nothing to prove: an admin sets the first one.
    if (!(await this.hasher.verify(command.current, account.passwordHash))) {
      await this.throttle.recordFailure(throttleKey, this.clock.now());
      throw DomainError.validation([{ field: 'current', message: 'is not the current password' }]);
    }
    await this.throttle.clear(throttleKey);
    const passwordHash = await this.hasher.hash(password);
    // Accounts made before sign-in existed get their logins bound the first time they have a password.
    await claimLogins(this.aggregates, account.id, loginsOf(account), command.issuedBy);
    const outcome = await this.aggregates.accounts.run(
      account.id,
      { type: 'ChangeOwnPassword', passwordHash, now: this.clock.now() },
      command.issuedBy,
    );
    await this.sessions.revokeAllOf(account.id);
    if (command.sessionId === null) return { outcome: 'changed', session: null };
    // The new session opens at or after the change, so `sessionsValidFrom` does not refuse it.
    const opened = await this.sessions.open(activeAccount(outcome.state).id, this.clock.now());
    return { outcome: 'changed', session: opened };
  }
}
