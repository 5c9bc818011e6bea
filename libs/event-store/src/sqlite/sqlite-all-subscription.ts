import type { AllSubscription, RecordedEvent } from '../event-store.port.js';

/** What a subscription needs from the store: synchronous reads (better-sqlite3) and a wake-up signal. */
export interface SubscriptionSource {
  readAfter(after: bigint, limit: number): RecordedEvent[];
  headPosition(): bigint | null;
  /** Registers a callback run after every local append; returns the unregister function. */
  onAppend(listener: () => void): () => void;
}

export interface SubscriptionTuning {
  batchSize: number;
  /** How often to look for appends made by other processes (same-process appends wake it at once). */
  pollIntervalMs: number;
}

/**
 * Follows the global order of a SQLite store. It reads a batch only when the consumer has drained the
 * previous one, so a slow consumer never makes it buffer more than `batchSize` events.
 *
 * `caughtUp` resolves when the consumer asks for the event after the last one that existed at subscribe
 * time: by then it has not only received but also handled everything older (a `for await` body has
 * finished), which is what a projector's "ready" check and a test's "wait, don't sleep" need.
 *
 * Live, a local append wakes a waiting subscription at the next `setImmediate`, not at once: every append
 * made in the same turn of the event loop is then read in one query (instead of one read per append), and
 * `takeBuffered()` hands them on as one batch.
 */
export class SqliteAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private resolveCaughtUp!: () => void;
  private rejectCaughtUp!: (error: unknown) => void;
  private isCaughtUp = false;
  private readonly headAtStart: bigint | null;

  private buffer: RecordedEvent[] = [];
  private cursor: bigint;
  private closed = false;
  private wake: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private wakeScheduled: NodeJS.Immediate | null = null;
  /** Whether a read happened since the last wait for an append (then the next read yields first). */
  private readSinceWait = false;
  private readonly unregister: () => void;
  /** Serialises `next()` calls so overlapping callers still see each event once and in order. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    after: bigint | undefined,
    private readonly tuning: SubscriptionTuning,
    private readonly onClose: (subscription: SqliteAllSubscription) => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.resolveCaughtUp = resolve;
      this.rejectCaughtUp = reject;
    });
    // Nobody is obliged to await caughtUp; a failure must still surface through next(), not crash.
    this.caughtUp.catch(() => undefined);
    this.cursor = after ?? 0n;
    this.headAtStart = source.headPosition();
    if (this.headAtStart === null || this.headAtStart <= this.cursor) this.markCaughtUp();
    this.unregister = source.onAppend(() => this.wakeSoon());
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * The events already read and not yet delivered (at most `max`), without waiting or reading: what a
   * batching consumer (`inBatches`) adds to the event it just received. Only call it between `next()`
   * calls (not while one is pending).
   */
  takeBuffered(max: number): RecordedEvent[] {
    if (this.closed || max <= 0 || this.buffer.length === 0) return [];
    const taken = this.buffer.splice(0, max);
    this.cursor = taken[taken.length - 1].position;
    return taken;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.isCaughtUp) this.rejectCaughtUp(new Error('subscription closed before it caught up'));
    this.unregister();
    this.wakeUp();
    this.onClose(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (!this.isCaughtUp && this.headAtStart !== null && this.cursor >= this.headAtStart) this.markCaughtUp();
      const next = this.buffer.shift();
      if (next) {
        this.cursor = next.position;
        return { done: false, value: next };
      }
      // Working through a backlog (catching up, or live behind a burst of appends), every read is
      // synchronous and every consumer step a microtask: without a turn of the event loop between
      // batches, timers and I/O (the HTTP listen, the start's file writes, the calls the all-in-one's API
      // thread makes to its read-side thread) would wait for the whole backlog. One `setImmediate` per
      // batch lets them in; the first read after waiting for an append needs none (the wake-up was one).
      if (this.readSinceWait) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.closed) return { done: true, value: undefined };
      }
      try {
        this.buffer = this.source.readAfter(this.cursor, this.tuning.batchSize);
      } catch (error) {
        this.rejectCaughtUp(error);
        throw error;
      }
      this.readSinceWait = true;
      if (this.buffer.length > 0) continue;
      // Nothing newer: everything that existed at start was handled, or was deleted meanwhile.
      this.markCaughtUp();
      await this.waitForAppend();
      this.readSinceWait = false;
    }
  }

  private markCaughtUp(): void {
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }

  private waitForAppend(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.pollTimer = setTimeout(() => this.wakeUp(), this.tuning.pollIntervalMs);
    });
  }

  /** A local append: wake at the next check phase, so the appends of this event-loop turn are read together. */
  private wakeSoon(): void {
    if (this.wake === null || this.wakeScheduled !== null) return;
    this.wakeScheduled = setImmediate(() => {
      this.wakeScheduled = null;
      this.wakeUp();
    });
  }

  private wakeUp(): void {
    if (this.wakeScheduled) clearImmediate(this.wakeScheduled);
    this.wakeScheduled = null;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
