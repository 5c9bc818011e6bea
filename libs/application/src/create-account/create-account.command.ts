import type { Account } from '#domain';
import type { CommandContext } from '#kernel';

/** アカウント作成 (administrators): the new account's first token is in the result only. */
export class CreateAccountCommand {
  constructor(
    /** `password` (optional, clear) is checked and hashed by the handler; only its hash is recorded. */
    readonly request: { name: string; email?: string | null; roles: string[]; password?: string | null },
    readonly issuedBy: CommandContext,
  ) {}
}

export interface CreatedAccount {
  account: Account;
  token: string;
}
