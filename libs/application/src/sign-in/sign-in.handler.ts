import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Account } from '#domain';
import {
  PASSWORD_HASHER,
  type PasswordHasher,
  SESSION_STORE,
  SIGN_IN_THROTTLE,
  type SessionStore,
  type SignInThrottle,
} from '#infra';
import { systemActor } from '../shared/system-actor.js';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { findAccount } from '../shared/active-account.js';
import { answersTo, loginKey } from '../shared/sign-in-logins.js';
import { SignInCommand, type SignInResult } from './sign-in.command.js';

@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand, SignInResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(SIGN_IN_THROTTLE) private readonly throttle: SignInThrottle,
  ) {}

  async execute({ login, password }: SignInCommand): Promise<SignInResult> {
    // Refused before the password is even looked at, so a locked login costs an attacker nothing to learn.
    const verdict = await this.throttle.check(login, this.clock.now());
    if (!verdict.allowed) return { outcome: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
    const account = await this.accountOf(login);
    // With no account (or no password) the hasher still runs against a dummy hash: the same time as a wrong password.
    const matches = await this.hasher.verify(password, account?.passwordHash ?? null);
    if (!account || !matches) {
      await this.throttle.recordFailure(login, this.clock.now());
      return { outcome: 'refused' };
    }
    await this.throttle.clear(login);
    await this.rehashIfOutdated(account, password);
    const { sessionId, expiresAt } = await this.sessions.open(account.id, this.clock.now());
    return { outcome: 'signed-in', account, sessionId, expiresAt };
  }

  /**
   * A hash made with older scrypt parameters is replaced while the clear password is at hand, so raising the
   * parameters reaches every account that signs in. The sessions stay valid: the password did not change.
   */
  private async rehashIfOutdated(account: Account, password: string): Promise<void> {
    if (account.passwordHash === null || !this.hasher.needsRehash(account.passwordHash)) return;
    const passwordHash = await this.hasher.hash(password);
    await this.aggregates.accounts.run(
      account.id,
      { type: 'RehashPassword', passwordHash, now: this.clock.now() },
      { actor: systemActor, correlationId: 'sign-in-rehash', expectedVersion: null },
    );
  }

  /** The account whose name or email is `login` now (a binding left by a changed email does not count). */
  private async accountOf(login: string): Promise<Account | null> {
    const binding = await this.aggregates.logins.load(loginKey(login));
    if (binding.state.status !== 'claimed') return null;
    const account = await findAccount(this.aggregates, binding.state.accountId);
    return account && answersTo(account, login) ? account : null;
  }
}
