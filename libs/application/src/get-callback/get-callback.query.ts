/** One callback (the list's view) with a summary of its history. */
export class GetCallbackQuery {
  constructor(readonly callbackId: string) {}
}
