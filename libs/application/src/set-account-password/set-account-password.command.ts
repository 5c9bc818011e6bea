import type { CommandContext } from '#kernel';

/** An administrator sets an account's password; every session of that account ends. */
export class SetAccountPasswordCommand {
  constructor(
    readonly accountId: string,
    readonly password: string,
    readonly issuedBy: CommandContext,
  ) {}
}
