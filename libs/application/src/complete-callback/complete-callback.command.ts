import type { CommandContext } from '#kernel';

/** 完了: marks the callback as called back. */
export class CompleteCallbackCommand {
  constructor(
    readonly callbackId: string,
    readonly issuedBy: CommandContext,
  ) {}
}
