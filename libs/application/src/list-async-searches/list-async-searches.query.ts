/** The owner's asynchronous searches, newest first (the list projection). */
export class ListAsyncSearchesQuery {
  constructor(readonly ownerId: string) {}
}
