/** 履歴: every change of one callback, oldest first, with who made it and when (auditors). */
export class GetCallbackHistoryQuery {
  constructor(readonly callbackId: string) {}
}
