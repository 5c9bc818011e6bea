import type { CommandContext } from '#kernel';

/** 未完了に戻す: reopens a completed callback. */
export class ReopenCallbackCommand {
  constructor(
    readonly callbackId: string,
    readonly issuedBy: CommandContext,
  ) {}
}
