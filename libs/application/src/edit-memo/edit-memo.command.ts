import type { CommandContext } from '#kernel';

/** メモの編集: replaces the memo ("" clears it). */
export class EditMemoCommand {
  constructor(
    readonly callbackId: string,
    readonly memo: string,
    readonly issuedBy: CommandContext,
  ) {}
}
