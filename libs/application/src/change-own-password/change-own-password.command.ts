import type { CommandContext } from '#kernel';

/**
 * パスワード変更 by the account itself, with its current password. Every other session of the account
 * ends; a caller signed in by cookie gets a fresh session (`sessionId` is the one it used, or null).
 */
export class ChangeOwnPasswordCommand {
  constructor(
    readonly accountId: string,
    readonly current: string,
    readonly password: string,
    readonly sessionId: string | null,
    readonly issuedBy: CommandContext,
  ) {}
}

/**
 * `changed`: the caller's new session when it was signed in by cookie (its old one ended with the change).
 * `throttled`: too many wrong current passwords for this account lately (HTTP 429 with Retry-After).
 */
export type ChangedPassword =
  | { outcome: 'changed'; session: { sessionId: string; expiresAt: Date } | null }
  | { outcome: 'throttled'; retryAfterSeconds: number };
