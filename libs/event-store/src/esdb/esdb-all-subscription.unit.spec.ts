import { Readable, type ReadableOptions } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { type RecordedEvent } from '../event-store.port.js';
import { EsdbAllSubscription, type EsdbSubscriptionSource } from './esdb-all-subscription.js';

/**
 * Stands in for the client's subscription at its boundary: an object-mode Readable that produces
 * `stored` events as fast as it is read, then stays open (live) after announcing `caughtUp`, like the
 * server. Only the wrapper around it is under test; no EventStoreDB is involved.
 */
class FakeServerSubscription extends Readable {
  produced = 0;
  unsubscribed = false;

  constructor(
    private readonly stored: number,
    options: ReadableOptions | undefined,
  ) {
    super({ ...options, objectMode: true });
  }

  override _read(size: number): void {
    for (let i = 0; i < size && this.produced < this.stored; i++) {
      this.produced += 1;
      this.push({ commitPosition: BigInt(this.produced) });
    }
    if (this.produced === this.stored) setImmediate(() => this.emit('caughtUp', {}));
  }

  /** A live append after catch-up. */
  append(): void {
    this.produced += 1;
    this.push({ commitPosition: BigInt(this.produced) });
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

function fakeSource(stored: number) {
  const opened: FakeServerSubscription[] = [];
  const requestedBuffers: Array<number | undefined> = [];
  const source: EsdbSubscriptionSource = {
    client: {
      subscribeToAll: (_options?: unknown, readableOptions?: ReadableOptions) => {
        requestedBuffers.push(readableOptions?.highWaterMark);
        const subscription = new FakeServerSubscription(stored, readableOptions);
        opened.push(subscription);
        return subscription as unknown as AllStreamSubscription;
      },
    } as EsdbSubscriptionSource['client'],
    headPosition: async () => (stored === 0 ? null : BigInt(stored)),
    // A fresh payload per event, so events that are wrongly kept alive show up on the heap.
    toRecordedEvent: (resolved: AllStreamResolvedEvent) => recordedAt(resolved.commitPosition!),
  };
  return { source, opened, requestedBuffers };
}

function recordedAt(position: bigint): RecordedEvent {
  return {
    id: `event-${position}`,
    streamName: `callback-${position % 1000n}`,
    revision: 0,
    position,
    type: 'CallbackRegistered',
    data: { note: `${'x'.repeat(400)}${position}` },
    metadata: {
      actor: { id: 'system', name: 'system', roles: [] },
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: `c-${position}`,
      causationId: null,
      schemaVersion: 1,
    },
    recordedAt: new Date(0),
  };
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('EventStoreDB subscription wrapper (fake client stream)', () => {
  it('keeps memory flat over 200,000 delivered events', async () => {
    const gc = collectGarbage();
    const { source } = fakeSource(200_000);
    const subscription = new EsdbAllSubscription(source, undefined, () => undefined);
    const iterator = subscription[Symbol.asyncIterator]();
    let last = 0n;
    const deliver = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const result = await iterator.next();
        if (result.done) throw new Error(`ended after ${last}`);
        last = result.value.position;
      }
    };
    await deliver(10_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    await deliver(190_000);
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(last).toBe(200_000n);
    // Asking for the next event says the last one was handled: everything stored is, so caught up.
    const live = iterator.next();
    await subscription.caughtUp;
    // Each event weighs about 1 kB: keeping them would add ~190 MB; flat means a few MB of noise.
    expect(growth).toBeLessThan(24 * 1024 * 1024);
    await subscription.close();
    expect(await live).toEqual({ done: true, value: undefined });
  });

  it('catches up in large batches: the read buffer holds hundreds of events for takeBuffered', async () => {
    const { source, requestedBuffers } = fakeSource(5_000);
    const subscription = new EsdbAllSubscription(source, undefined, () => undefined);
    const first = await subscription.next();
    expect(first.value).toMatchObject({ position: 1n });
    const batch = subscription.takeBuffered(999);
    expect(requestedBuffers[0]).toBeGreaterThanOrEqual(500);
    expect(batch.length).toBeGreaterThanOrEqual(500);
    expect(batch.map((e) => e.position)).toEqual(batch.map((_, i) => BigInt(i + 2)));
    // Taken events are not delivered again.
    expect((await subscription.next()).value).toMatchObject({ position: BigInt(batch.length + 2) });
    await subscription.close();
  });

  it('resolves caughtUp once the stored events are handled, then follows live appends', async () => {
    const { source, opened } = fakeSource(3);
    const subscription = new EsdbAllSubscription(source, 1n, () => undefined);
    const received: bigint[] = [];
    for (let i = 0; i < 2; i++) received.push(((await subscription.next()).value as RecordedEvent).position);
    expect(received).toEqual([2n, 3n]);
    const live = subscription.next();
    await subscription.caughtUp;
    opened[0].append();
    expect((await live).value).toMatchObject({ position: 4n });
    await subscription.close();
  });

  it('ends a pending next() when closed and unsubscribes from the server', async () => {
    const { source, opened } = fakeSource(0);
    const closedBy: EsdbAllSubscription[] = [];
    const subscription = new EsdbAllSubscription(source, undefined, (closed) => closedBy.push(closed));
    await subscription.caughtUp;
    const pending = subscription.next();
    await subscription.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(opened[0].unsubscribed).toBe(true);
    expect(closedBy).toEqual([subscription]);
  });

  it('passes a stream error on to the consumer', async () => {
    const { source, opened } = fakeSource(0);
    const subscription = new EsdbAllSubscription(source, undefined, () => undefined);
    await subscription.caughtUp;
    const pending = subscription.next();
    await new Promise((resolve) => setImmediate(resolve));
    opened[0].destroy(new Error('connection reset'));
    await expect(pending).rejects.toThrow('connection reset');
  });
});
