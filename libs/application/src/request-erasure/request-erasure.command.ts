import type { CommandContext } from '#kernel';

/** 個人情報の削除依頼 (administrators): erase every callback of one caller number, in any input form. */
export class RequestErasureCommand {
  constructor(
    readonly callerNumber: string,
    readonly issuedBy: CommandContext,
  ) {}
}

/** One erasure request as the audit log keeps it: never the number itself. */
export interface ErasureRequestRecord {
  id: string;
  requestedAt: string;
  requestedBy: { id: string; name: string };
  erased: number;
}

export const erasureRequestedEvent = 'ErasureRequested';
