import type { Account } from '#domain';

/** Sign-in with a password: `login` is the account's name or email, compared normalised. */
export class SignInCommand {
  constructor(
    readonly login: string,
    readonly password: string,
  ) {}
}

export type SignInResult =
  | { outcome: 'signed-in'; account: Account; sessionId: string; expiresAt: Date }
  /** Wrong password, unknown login or an account without password: one answer for all three. */
  | { outcome: 'refused' }
  | { outcome: 'throttled'; retryAfterSeconds: number };
