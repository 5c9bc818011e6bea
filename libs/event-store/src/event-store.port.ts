/** Who caused an event: an account, or the system itself (sweeper, worker, bootstrap). */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
}

export interface EventMetadata {
  actor: Actor;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  schemaVersion: number;
}

/** An event to append. `data` is plain JSON. */
export interface EventData<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/**
 * A stored event. `revision` counts from 0 within its stream; `position` is its place in the global
 * order of all streams (strictly increasing, not necessarily contiguous). Positions are bigints so every
 * adapter can express its own (a row id, or EventStoreDB's commit/prepare pair).
 */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventData<Type, Data> {
  id: string;
  streamName: string;
  revision: number;
  position: bigint;
  recordedAt: Date;
}

/** `any`: no check; `no_stream`: the stream must not exist; a number: the revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | number;

export interface AppendResult {
  /**
   * Revision of the last event appended (or the current one when nothing was appended; -1 when the
   * stream does not exist).
   */
  nextRevision: number;
  /** Position of the last event appended (or of the stream's last event; -1n when it has none). */
  position: bigint;
}

/** The stream's current revision did not match the expected one; nothing was appended. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * The stream was deleted (retention) and can never be written again: not by a command that read it just
 * before the sweeper, not by a new registration with the same requestId. A kind of expected-revision
 * failure, so callers that retry or report those treat it the same way; the stream reads as absent.
 */
export class StreamDeletedError extends WrongExpectedRevisionError {
  constructor(streamName: string, expected: ExpectedRevision) {
    super(streamName, expected, 'no_stream');
    this.message = `stream ${streamName} was deleted and cannot be written again`;
    this.name = 'StreamDeletedError';
  }
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Absent = from the start. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: events strictly after this position. Absent = from the start. */
  after?: bigint;
  /**
   * The most events the consumer takes in one batch: an adapter that reads ahead reads up to this many
   * at once (so a catch-up batch can fill up), and no more (so a consumer of small batches buffers little).
   * Absent = the adapter's own read size.
   */
  batchSize?: number;
}

/**
 * A live subscription to the global order. Iterate it with `for await`: it yields each stored event
 * once, in order, catching up from `after` and then following new appends. The next event is read only
 * when the consumer asks for it (back-pressure).
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Resolves once the subscription has delivered everything that existed when it started. */
  readonly caughtUp: Promise<void>;
  /** Ends the iteration; pending `next()` calls resolve with `done`. */
  close(): Promise<void>;
}

/**
 * What an adapter can promise beyond the port's common ground. The contract suite reads these flags so
 * the one documented difference between adapters is tested as such instead of being skipped.
 */
export interface EventStoreCapabilities {
  /**
   * True when `deleteStream` also removes the stream's events from `readAll`/`subscribeToAll` at once.
   * EventStoreDB soft-deletes: the events stay in `$all` until a scavenge, so readers of the global
   * order (projections) must themselves ignore streams that are past retention.
   */
  deleteRemovesFromAll: boolean;
}

export interface EventStore {
  /** Absent means every capability holds. */
  readonly capabilities?: EventStoreCapabilities;
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Every event of the stream in revision order; an empty array when the stream does not exist (or was deleted). */
  readStream(streamName: string): Promise<RecordedEvent[]>;
  /** Events of all streams in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  /** Position of the last stored event, or null when the store is empty. */
  headPosition(): Promise<bigint | null>;
  /**
   * How far a reader at `position` (null: has read nothing) is behind `head`, in the store's own unit, for
   * the `orikaeshi_projection_behind_head` gauge: SQLite positions (about one per event), EventStoreDB
   * transaction-log bytes (commit positions). Never the raw difference of two EventStoreDB positions:
   * they pack `commit << 64 | prepare`, so that difference means nothing. Absent on test doubles.
   */
  behindHead?(position: bigint | null, head: bigint | null): bigint;
  /**
   * Removes the stream and its events for good: it reads as absent, its events no longer appear in
   * `readAll` (see `deleteRemovesFromAll`), and every later append to that name fails with
   * `StreamDeletedError` (a tombstone), so nothing can bring a retention-deleted stream back.
   */
  deleteStream(streamName: string): Promise<void>;
  /** `deleteStream` for many streams at once (the retention sweeper): one transaction where the store has them. */
  deleteStreams(streamNames: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
