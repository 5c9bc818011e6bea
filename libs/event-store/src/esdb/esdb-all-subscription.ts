import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  START,
  excludeSystemEvents,
} from '@eventstore/db-client';
import { type AllSubscription, type RecordedEvent } from '../event-store.port.js';
import { decodeEsdbPosition } from './esdb-position.js';

export interface EsdbSubscriptionSource {
  client: Pick<EventStoreDBClient, 'subscribeToAll'>;
  headPosition(): Promise<bigint | null>;
  toRecordedEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null;
}

/**
 * Events the subscription's readable buffer may hold. The stream's default (16 objects) made catch-up
 * batches tiny, and every batch costs the projector several read-store round trips.
 */
export const esdbSubscriptionBuffer = 1_000;

/**
 * Wraps the client's catch-up subscription (a Node Readable, so back-pressure comes from its object
 * buffer) in the port's iterator, with three additions:
 * - `caughtUp` means "the consumer has handled everything that existed at subscribe time", as in the
 *   SQLite adapter. The server's own `caughtUp` message arrives while earlier events may still sit
 *   unread in the buffer, and servers before 23.10 never send it, so the head position read at start
 *   decides, and the server message only counts once the buffer is empty.
 * - `close()` ends a pending `next()` at once; cancelling the gRPC call alone does not end the stream.
 * - `takeBuffered()` hands on what the buffer already holds, so a batching consumer gets whole batches.
 *
 * The stream is read with `read()` and woken by its events, never by racing `next()` against one
 * long-lived promise: each such race left a reaction on that promise holding its result, so a
 * subscription kept every event it had ever delivered.
 */
export class EsdbAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private resolveCaughtUp!: () => void;
  private rejectCaughtUp!: (error: unknown) => void;
  private isCaughtUp = false;
  private serverCaughtUp = false;
  private headAtStart: bigint | null = null;
  private lastDelivered: bigint | undefined;

  private readonly started: Promise<AllStreamSubscription | null>;
  private subscription: AllStreamSubscription | null = null;
  private closed = false;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private readonly after: bigint | undefined,
    private readonly onClose: (subscription: EsdbAllSubscription) => void,
  ) {
    this.caughtUp = new Promise<void>((resolve, reject) => {
      this.resolveCaughtUp = resolve;
      this.rejectCaughtUp = reject;
    });
    this.caughtUp.catch(() => undefined);
    this.lastDelivered = after;
    this.started = this.start();
    this.started.catch((error: unknown) => this.rejectCaughtUp(error));
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
   * The events already received and not yet delivered (at most `max`), without waiting: what a batching
   * consumer (`inBatches`) adds to the event it just got. Only call it between `next()` calls.
   */
  takeBuffered(max: number): RecordedEvent[] {
    const taken: RecordedEvent[] = [];
    const subscription = this.subscription;
    while (!this.closed && subscription && taken.length < max && subscription.readableLength > 0) {
      const resolved = subscription.read() as AllStreamResolvedEvent | null;
      if (resolved === null) break;
      const recorded = this.accept(resolved);
      if (recorded) taken.push(recorded);
    }
    return taken;
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeUp();
    this.onClose(this);
    if (!this.isCaughtUp) this.rejectCaughtUp(new Error('subscription closed before it caught up'));
    const subscription = this.subscription;
    if (subscription) {
      await subscription.unsubscribe();
      subscription.destroy();
    }
  }

  private async start(): Promise<AllStreamSubscription | null> {
    this.headAtStart = await this.source.headPosition();
    if (this.headAtStart === null || (this.after !== undefined && this.headAtStart <= this.after)) {
      this.markCaughtUp();
    }
    if (this.closed) return null;
    const subscription = this.source.client.subscribeToAll(
      {
        fromPosition: this.after === undefined ? START : decodeEsdbPosition(this.after),
        filter: excludeSystemEvents(),
      },
      { highWaterMark: esdbSubscriptionBuffer },
    );
    subscription.on('caughtUp', () => {
      this.serverCaughtUp = true;
      this.wakeUp();
    });
    subscription.on('readable', () => this.wakeUp());
    subscription.on('end', () => {
      this.ended = true;
      this.wakeUp();
    });
    subscription.on('error', (error: unknown) => {
      this.failure = { error };
      this.wakeUp();
    });
    this.subscription = subscription;
    return subscription;
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    if (this.closed) return { done: true, value: undefined };
    const subscription = await this.started;
    if (!subscription) return { done: true, value: undefined };
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      this.checkCaughtUp();
      const resolved = subscription.read() as AllStreamResolvedEvent | null;
      if (resolved !== null) {
        const recorded = this.accept(resolved);
        if (recorded) return { done: false, value: recorded };
        continue;
      }
      if (this.failure) {
        this.rejectCaughtUp(this.failure.error);
        throw this.failure.error;
      }
      if (this.ended) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** The port's event for a received one, or null for what is not ours (system events, a resumed checkpoint). */
  private accept(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    const recorded = this.source.toRecordedEvent(resolved);
    if (!recorded || (this.after !== undefined && recorded.position <= this.after)) return null;
    this.lastDelivered = recorded.position;
    return recorded;
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private checkCaughtUp(): void {
    if (this.isCaughtUp) return;
    const reachedHead =
      this.headAtStart !== null && this.lastDelivered !== undefined && this.lastDelivered >= this.headAtStart;
    const bufferDrained = this.serverCaughtUp && this.subscription?.readableLength === 0;
    if (reachedHead || bufferDrained) this.markCaughtUp();
  }

  private markCaughtUp(): void {
    this.isCaughtUp = true;
    this.resolveCaughtUp();
  }
}
