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

/** The caller's new session when it was signed in by cookie (its old one ended with the change). */
export interface ChangedPassword {
  session: { sessionId: string; expiresAt: Date } | null;
}
