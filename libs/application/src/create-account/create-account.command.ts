import type { Account } from '#domain';
import type { CommandContext } from '#kernel';

/** アカウント作成 (administrators): the new account's first token is in the result only. */
export class CreateAccountCommand {
  constructor(
    readonly request: { name: string; email?: string | null; roles: string[] },
    readonly issuedBy: CommandContext,
  ) {}
}

export interface CreatedAccount {
  account: Account;
  token: string;
}
