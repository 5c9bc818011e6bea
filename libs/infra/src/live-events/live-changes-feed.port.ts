/**
 * The change feed behind `GET /events`: a log of what the views now show, written by the projector in the
 * same transaction as the view batch (so a change is announced only once a refetch sees it), read by every
 * API instance, pruned to a retention window (the reach of `Last-Event-ID`).
 *
 * Wiring (`openReadStore` in #runtime gives the read store its feed; the platform binds LIVE_CHANGES_FEED):
 * - projector: after applying a batch of events to the callback and asynchronous-search views, the read store
 *   appends one change per callback whose view changed (`callback.changed`, payload `{ id, version }`) and
 *   per step of an asynchronous search (`asyncsearch.updated`, owner = requesting account, payload
 *   `{ id, status, rowCount?, finishedAt? }`). SQLite: `SqliteLiveChangesFeed` on the read store's own
 *   `Database` handle, `append` called inside the batch's `db.transaction`. MongoDB: `MongoLiveChangesFeed`
 *   on the read store's `Db`, appended after the batch's rows and before its checkpoint (no multi-document
 *   transaction). The retention sweep calls `prune(now - 1 h)`.
 * - API: one `LiveEventHub` per process on the same feed (read side of the same database), started at boot.
 */
export const liveChangeKinds = ['callback.changed', 'asyncsearch.updated'] as const;
export type LiveChangeKind = (typeof liveChangeKinds)[number];

export interface NewLiveChange {
  kind: LiveChangeKind;
  /** The callback or asynchronous search id. */
  id: string;
  /** The view's version after the change (for a callback: its version in the API). */
  version: number;
  /** The account the change is for alone (an asynchronous search's owner); null when readers are chosen by role. */
  ownerAccountId: string | null;
  /** The event's data as sent to the browser; never a secret. */
  payload: Record<string, unknown>;
}

export interface LiveChange extends NewLiveChange {
  /** Position in the feed: increasing, the SSE `id:`. */
  seq: number;
  recordedAt: Date;
}

export interface LiveChangesFeed {
  /** Records changes in order; called by the projector inside its view transaction. */
  append(changes: readonly NewLiveChange[], now: Date): void | Promise<void>;
  /** Up to `limit` changes with `seq` greater than the given one, in order. */
  readAfter(seq: number, limit: number): Promise<LiveChange[]>;
  /** The last seq ever given (0 when none); pruning does not lower it. */
  latestSeq(): Promise<number>;
  /** Forgets changes recorded before `olderThan`; gives how many. */
  prune(olderThan: Date): Promise<number>;
}

export const LIVE_CHANGES_FEED = Symbol('LIVE_CHANGES_FEED');
