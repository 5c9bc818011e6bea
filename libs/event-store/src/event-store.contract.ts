import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  captureError,
  collect,
  consume,
  event,
  isStrictlyIncreasing,
  streamName,
  withTimeout,
} from './event-store-fixtures.contract.js';
import {
  type AllSubscription,
  type EventStore,
  type RecordedEvent,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from './event-store.port.js';

export interface EventStoreContractOptions {
  /**
   * True when every test gets a fresh store nobody else writes to (SQLite temp file). Only then can the
   * suite assert absolute facts such as "an empty store has no head"; a shared server (EventStoreDB in
   * CI) holds other suites' events, so the shared cases only look at their own streams.
   */
  isolated: boolean;
}

/** The behaviour every event store adapter must show; each adapter's `.int.spec.ts` runs it. */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStore> | EventStore,
  options: EventStoreContractOptions,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    const subscriptions: AllSubscription[] = [];

    beforeEach(async () => {
      store = await factory();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await store.close();
    });

    const subscribe = (after?: bigint): AllSubscription => {
      const subscription = store.subscribeToAll({ after });
      subscriptions.push(subscription);
      return subscription;
    };

    describe('appending with an expected revision', () => {
      it('creates a stream with no_stream and numbers its events from 0', async () => {
        const stream = streamName();
        const result = await store.appendToStream(stream, [event('A', 1), event('B', 2)], {
          expectedRevision: 'no_stream',
        });
        expect(result.nextRevision).toBe(1);
        const recorded = await store.readStream(stream);
        expect(recorded.map((e) => [e.type, e.revision, e.data])).toEqual([
          ['A', 0, { n: 1 }],
          ['B', 1, { n: 2 }],
        ]);
        expect(recorded[1].position).toBe(result.position);
        expect(recorded[0].streamName).toBe(stream);
        expect(recorded[0].metadata).toEqual(event('A', 1).metadata);
        expect(recorded[0].recordedAt).toBeInstanceOf(Date);
        expect(recorded[0].id).not.toBe(recorded[1].id);
      });

      it('continues a stream at the exact revision and accepts any', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1)], { expectedRevision: 'any' });
        await store.appendToStream(stream, [event('B', 2)], { expectedRevision: 0 });
        const result = await store.appendToStream(stream, [event('C', 3)], { expectedRevision: 'any' });
        expect(result.nextRevision).toBe(2);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('rejects a stale revision with WrongExpectedRevisionError and appends nothing', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1), event('B', 2)], { expectedRevision: 'no_stream' });
        const error = await captureError(store.appendToStream(stream, [event('C', 3)], { expectedRevision: 0 }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamName: stream, expected: 0, actual: 1 });
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('rejects no_stream when the stream exists (one registration per requestId)', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1)], { expectedRevision: 'no_stream' });
        const error = await captureError(
          store.appendToStream(stream, [event('A', 2)], { expectedRevision: 'no_stream' }),
        );
        expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', expected: 'no_stream', actual: 0 });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('rejects an exact revision on an absent stream', async () => {
        const stream = streamName();
        const error = await captureError(store.appendToStream(stream, [event('A', 1)], { expectedRevision: 0 }));
        expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('lets exactly one of 20 concurrent appends at the same revision through', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 0)], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.appendToStream(stream, [event('B', i)], { expectedRevision: 0 })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected.every((o) => o.reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('lets exactly one of 20 concurrent no_stream registrations through', async () => {
        const stream = streamName();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.appendToStream(stream, [event('Registered', i)], { expectedRevision: 'no_stream' }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('returns the current revision and writes nothing for an empty append', async () => {
        const stream = streamName();
        expect((await store.appendToStream(stream, [], { expectedRevision: 'any' })).nextRevision).toBe(-1);
        const written = await store.appendToStream(stream, [event('A', 1)], { expectedRevision: 'no_stream' });
        const empty = await store.appendToStream(stream, [], { expectedRevision: 0 });
        expect(empty).toEqual(written);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads an absent stream as empty', async () => {
        expect(await store.readStream(streamName())).toEqual([]);
      });

      it('reads all streams in global order, strictly after a position and up to maxCount', async () => {
        const start = (await store.headPosition()) ?? undefined;
        const [first, second] = [streamName(), streamName()];
        await store.appendToStream(first, [event('A', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(second, [event('B', 2)], { expectedRevision: 'no_stream' });
        await store.appendToStream(first, [event('C', 3)], { expectedRevision: 0 });
        const ours = (events: RecordedEvent[]) => events.filter((e) => [first, second].includes(e.streamName));

        const all = ours(await collect(store.readAll({ after: start })));
        expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);

        const afterFirst = ours(await collect(store.readAll({ after: all[0].position })));
        expect(afterFirst.map((e) => e.type)).toEqual(['B', 'C']);
        const limited = await collect(store.readAll({ after: start, maxCount: 2 }));
        expect(limited).toHaveLength(2);
        if (options.isolated) expect(limited.map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('reads more events than one batch holds, in order', async () => {
        const start = (await store.headPosition()) ?? undefined;
        const stream = streamName();
        const events = Array.from({ length: 1234 }, (_, i) => event('Counted', i));
        await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const read = (await collect(store.readAll({ after: start }))).filter((e) => e.streamName === stream);
        expect(read.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      });

      it('reports the head position', async () => {
        if (options.isolated) expect(await store.headPosition()).toBeNull();
        const result = await store.appendToStream(streamName(), [event('A', 1)], { expectedRevision: 'any' });
        const head = await store.headPosition();
        if (options.isolated) expect(head).toBe(result.position);
        else expect((head ?? -1n) >= result.position).toBe(true);
      });
    });

    describe('subscribing to all', () => {
      it('catches up from a position, then follows live appends one at a time in order', async () => {
        const start = (await store.headPosition()) ?? undefined;
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1), event('B', 2)], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [event('C', 3)], { expectedRevision: 1 });
        const consumer = consume(subscribe(start), stream);

        await withTimeout(consumer.subscription.caughtUp, 'caughtUp');
        expect(consumer.received.map((e) => e.type)).toEqual(['A', 'B', 'C']);

        await store.appendToStream(stream, [event('D', 4)], { expectedRevision: 2 });
        await consumer.waitFor(4);
        await store.appendToStream(stream, [event('E', 5), event('F', 6)], { expectedRevision: 3 });
        await consumer.waitFor(6);
        expect(consumer.received.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        expect(consumer.received.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);

        await consumer.subscription.close();
        await withTimeout(consumer.ended, 'iteration to end after close');
      });

      it('starts strictly after the given position', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1), event('B', 2), event('C', 3)], {
          expectedRevision: 'no_stream',
        });
        const [, second] = await store.readStream(stream);
        const consumer = consume(subscribe(second.position), stream);
        await withTimeout(consumer.subscription.caughtUp, 'caughtUp');
        expect(consumer.received.map((e) => e.type)).toEqual(['C']);
      });

      it('is caught up at once when nothing is newer, and still sees later appends', async () => {
        const head = (await store.headPosition()) ?? undefined;
        const stream = streamName();
        const consumer = consume(subscribe(head), stream);
        await withTimeout(consumer.subscription.caughtUp, 'caughtUp');
        expect(consumer.received).toEqual([]);
        await store.appendToStream(stream, [event('A', 1)], { expectedRevision: 'no_stream' });
        await consumer.waitFor(1);
      });

      it('ends a pending next() when closed', async () => {
        const subscription = subscribe((await store.headPosition()) ?? undefined);
        await withTimeout(subscription.caughtUp, 'caughtUp');
        const pending = subscription[Symbol.asyncIterator]().next();
        await subscription.close();
        expect(await withTimeout(pending, 'pending next')).toEqual({ done: true, value: undefined });
      });
    });

    describe('deleting a stream', () => {
      it('makes the stream read as absent and leaves other streams alone', async () => {
        const start = (await store.headPosition()) ?? undefined;
        const [doomed, kept] = [streamName(), streamName()];
        await store.appendToStream(doomed, [event('A', 1), event('B', 2)], { expectedRevision: 'no_stream' });
        await store.appendToStream(kept, [event('C', 3)], { expectedRevision: 'no_stream' });

        await store.deleteStream(doomed);
        await store.deleteStream(doomed); // the retention sweeper may retry: a second delete is harmless
        await store.deleteStream(streamName());

        expect(await store.readStream(doomed)).toEqual([]);
        expect(await store.readStream(kept)).toHaveLength(1);
        const remaining = (await collect(store.readAll({ after: start }))).filter((e) =>
          [doomed, kept].includes(e.streamName),
        );
        // EventStoreDB soft-deletes: the events stay in $all until a scavenge (see EventStoreCapabilities).
        const removesFromAll = store.capabilities?.deleteRemovesFromAll ?? true;
        expect(remaining.map((e) => e.type)).toEqual(removesFromAll ? ['C'] : ['A', 'B', 'C']);
      });

      // Retention deletes for good (docs/decisions.md): nothing may bring a swept callback stream back.
      it('refuses an append racing the deletion, whatever revision it expects, and the stream stays absent', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [event('A', 1), event('B', 2)], { expectedRevision: 'no_stream' });
        await store.deleteStream(stream);
        for (const expectedRevision of [1, 'any', 'no_stream'] as const) {
          const error = await captureError(store.appendToStream(stream, [event('C', 3)], { expectedRevision }));
          expect(error).toBeInstanceOf(StreamDeletedError);
          // A kind of expected-revision failure, so callers that handle those need nothing new.
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ name: 'StreamDeletedError', streamName: stream, expected: expectedRevision });
        }
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('refuses to register again on a deleted stream (a swept requestId does not restart)', async () => {
        const start = (await store.headPosition()) ?? undefined;
        const [swept, batchSwept] = [streamName(), streamName()];
        await store.appendToStream(swept, [event('Registered', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(batchSwept, [event('Registered', 2)], { expectedRevision: 'no_stream' });
        await store.deleteStream(swept);
        await store.deleteStreams([batchSwept]);
        for (const stream of [swept, batchSwept]) {
          const error = await captureError(
            store.appendToStream(stream, [event('Registered', 3)], { expectedRevision: 'no_stream' }),
          );
          expect(error).toBeInstanceOf(StreamDeletedError);
          expect(await store.readStream(stream)).toEqual([]);
        }
        const written = (await collect(store.readAll({ after: start }))).filter((e) =>
          [swept, batchSwept].includes(e.streamName),
        );
        expect(written.map((e) => e.data)).not.toContainEqual({ n: 3 });
      });

      it('deletes many streams at once, ignoring ones that do not exist', async () => {
        const [first, second, kept] = [streamName(), streamName(), streamName()];
        for (const name of [first, second, kept]) {
          await store.appendToStream(name, [event('A', 1)], { expectedRevision: 'no_stream' });
        }
        await store.deleteStreams([first, streamName(), second]);
        expect(await store.readStream(first)).toEqual([]);
        expect(await store.readStream(second)).toEqual([]);
        expect(await store.readStream(kept)).toHaveLength(1);
      });
    });
  });
}
