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
  client: EventStoreDBClient;
  headPosition(): Promise<bigint | null>;
  toRecordedEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null;
}

const CLOSED = Symbol('closed');

/**
 * Wraps the client's catch-up subscription (a Node Readable, so back-pressure comes from its small
 * object buffer) in the port's iterator, with two additions:
 * - `caughtUp` means "the consumer has handled everything that existed at subscribe time", as in the
 *   SQLite adapter. The server's own `caughtUp` message arrives while earlier events may still sit
 *   unread in the buffer, and servers before 23.10 never send it, so the head position read at start
 *   decides, and the server message only counts once the buffer is empty.
 * - `close()` ends a pending `next()` at once; cancelling the gRPC call alone does not end the stream.
 */
export class EsdbAllSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  readonly caughtUp: Promise<void>;
  private resolveCaughtUp!: () => void;
  private rejectCaughtUp!: (error: unknown) => void;
  private isCaughtUp = false;
  private serverCaughtUp = false;
  private headAtStart: bigint | null = null;
  private lastDelivered: bigint | undefined;

  private readonly started: Promise<AsyncIterator<AllStreamResolvedEvent> | null>;
  private subscription: AllStreamSubscription | null = null;
  private waiting = false;
  private closed = false;
  private signalClosed!: (closed: typeof CLOSED) => void;
  private readonly closedSignal = new Promise<typeof CLOSED>((resolve) => (this.signalClosed = resolve));
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

  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed(CLOSED);
    this.onClose(this);
    if (!this.isCaughtUp) this.rejectCaughtUp(new Error('subscription closed before it caught up'));
    const subscription = this.subscription;
    if (subscription) {
      await subscription.unsubscribe();
      subscription.destroy();
    }
  }

  private async start(): Promise<AsyncIterator<AllStreamResolvedEvent> | null> {
    this.headAtStart = await this.source.headPosition();
    if (this.headAtStart === null || (this.after !== undefined && this.headAtStart <= this.after)) {
      this.markCaughtUp();
    }
    if (this.closed) return null;
    const subscription = this.source.client.subscribeToAll({
      fromPosition: this.after === undefined ? START : decodeEsdbPosition(this.after),
      filter: excludeSystemEvents(),
    });
    subscription.on('caughtUp', () => {
      this.serverCaughtUp = true;
      if (this.waiting) this.checkCaughtUp();
    });
    this.subscription = subscription;
    return subscription[Symbol.asyncIterator]();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    if (this.closed) return { done: true, value: undefined };
    const iterator = await this.started;
    if (!iterator) return { done: true, value: undefined };
    for (;;) {
      this.checkCaughtUp();
      this.waiting = true;
      let result: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
      try {
        result = await Promise.race([iterator.next(), this.closedSignal]);
      } catch (error) {
        if (this.closed) return { done: true, value: undefined };
        this.rejectCaughtUp(error);
        throw error;
      } finally {
        this.waiting = false;
      }
      if (result === CLOSED || this.closed || result.done) return { done: true, value: undefined };
      const recorded = this.source.toRecordedEvent(result.value);
      // The server filter already drops system events; the position check guards a resumed checkpoint.
      if (!recorded || (this.after !== undefined && recorded.position <= this.after)) continue;
      this.lastDelivered = recorded.position;
      return { done: false, value: recorded };
    }
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
