import type { CommandContext } from '#kernel';

/** メールアドレスの登録: registers (or clears with null) the email that receives notifications. */
export class RegisterEmailCommand {
  constructor(
    readonly accountId: string,
    readonly email: string | null,
    readonly issuedBy: CommandContext,
  ) {}
}
