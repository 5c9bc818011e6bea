import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../event-store.contract.js';
import { type EventData, type RecordedEvent } from '../event-store.port.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';

let directory: string;
let fileCount = 0;
const freshFile = (): string => join(directory, `events-${++fileCount}.sqlite`);

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'orikaeshi-event-store-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

// A small batch size so the contract's "more than one batch" case crosses many page boundaries.
eventStoreContract('SQLite (temp file)', () => openSqliteEventStore(freshFile(), { batchSize: 100 }), {
  isolated: true,
});

describe('SQLite event store specifics', () => {
  const opened: SqliteEventStore[] = [];
  const open = (file: string, pollIntervalMs = 20): SqliteEventStore => {
    const store = openSqliteEventStore(file, { pollIntervalMs });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('runs in WAL mode with synchronous=NORMAL', () => {
    const store = open(freshFile());
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 = NORMAL
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('lets other work of the process run between batches while a subscription catches up', async () => {
    const store = openSqliteEventStore(freshFile(), { batchSize: 10 });
    opened.push(store);
    for (let i = 0; i < 10; i++) {
      await store.appendToStream(`callback-${i}`, Array.from({ length: 10 }, registered), {
        expectedRevision: 'no_stream',
      });
    }
    let handled = 0;
    let handledWhenOtherWorkRan: number | null = null;
    // Other work queued behind the catch-up, as an HTTP listen or a file write at start would be.
    setImmediate(() => (handledWhenOtherWorkRan = handled));
    for await (const event of store.subscribeToAll()) {
      expect(event.type).toBe('CallbackRegistered');
      if (++handled === 100) break;
    }
    expect(handledWhenOtherWorkRan).not.toBeNull();
    expect(handledWhenOtherWorkRan!).toBeLessThan(100);
  });

  it('lets other work of the process run between batches while a live subscription works through a burst', async () => {
    // The all-in-one's read-side thread answers the API thread's calls (health, metrics) only between batches.
    const store = openSqliteEventStore(freshFile(), { batchSize: 10 });
    opened.push(store);
    const subscription = store.subscribeToAll();
    await subscription.caughtUp;
    let handled = 0;
    const consumed = (async () => {
      for await (const event of subscription) {
        expect(event.type).toBe('CallbackRegistered');
        if (++handled === 100) break;
      }
    })();
    await nextTurn(); // the subscription waits for appends
    for (let i = 0; i < 100; i++) {
      await store.appendToStream(`callback-${i}`, [registered()], { expectedRevision: 'no_stream' });
    }
    let handledWhenOtherWorkRan: number | null = null;
    setImmediate(() => (handledWhenOtherWorkRan = handled));
    await consumed;
    expect(handledWhenOtherWorkRan).not.toBeNull();
    expect(handledWhenOtherWorkRan!).toBeLessThan(100);
  });

  it('works in memory', async () => {
    const store = open(':memory:');
    await store.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    expect(await store.readStream('callback-1')).toHaveLength(1);
  });

  it('keeps events across reopening the file', async () => {
    const file = freshFile();
    const first = open(file);
    await first.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    await first.close();
    expect(await open(file).readStream('callback-1')).toHaveLength(1);
  });

  it('sees appends made through another connection to the same file (another process) by polling', async () => {
    const file = freshFile();
    const writer = open(file);
    const reader = open(file);
    const subscription = reader.subscribeToAll();
    await subscription.caughtUp;
    const pending = subscription[Symbol.asyncIterator]().next();
    await nextTurn(); // let the subscription find nothing and start waiting
    await writer.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    expect((await pending).value).toMatchObject({ streamName: 'callback-1', revision: 0 });
    await subscription.close();
  });

  it('wakes a waiting subscription at once on appends through the same store, without waiting for a poll', async () => {
    const store = open(freshFile(), 60_000);
    const subscription = store.subscribeToAll();
    const pending = subscription[Symbol.asyncIterator]().next();
    await nextTurn();
    const appendedAt = Date.now();
    await store.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    expect((await pending).value).toMatchObject({ streamName: 'callback-1' });
    expect(Date.now() - appendedAt).toBeLessThan(1_000);
    await subscription.close();
  });

  it('wakes a subscription on another connection of this process (the projector thread) without waiting for a poll', async () => {
    // The all-in-one process opens the file once per thread; the signal crosses threads and connections alike.
    const file = freshFile();
    const writer = open(file, 60_000);
    const reader = open(file, 60_000);
    const subscription = reader.subscribeToAll();
    await subscription.caughtUp;
    const pending = subscription[Symbol.asyncIterator]().next();
    await nextTurn();
    const appendedAt = Date.now();
    await writer.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    expect((await pending).value).toMatchObject({ streamName: 'callback-1', revision: 0 });
    expect(Date.now() - appendedAt).toBeLessThan(1_000);
    await subscription.close();
  });

  it('reads the appends of one event-loop turn together and hands the read-ahead over with takeBuffered', async () => {
    const store = open(freshFile(), 60_000);
    const subscription = store.subscribeToAll();
    await subscription.caughtUp;
    const iterator = subscription[Symbol.asyncIterator]() as AsyncIterator<RecordedEvent> & {
      takeBuffered(max: number): RecordedEvent[];
    };
    const pending = iterator.next();
    await nextTurn();
    // Three appends in the same turn (the store is synchronous underneath), then the subscription wakes once.
    await Promise.all(
      ['callback-1', 'callback-2', 'callback-3'].map((stream) =>
        store.appendToStream(stream, [registered()], { expectedRevision: 'no_stream' }),
      ),
    );
    expect((await pending).value).toMatchObject({ streamName: 'callback-1' });
    expect(iterator.takeBuffered(1).map((event) => event.streamName)).toEqual(['callback-2']);
    expect(iterator.takeBuffered(10).map((event) => event.streamName)).toEqual(['callback-3']);
    expect(iterator.takeBuffered(10)).toEqual([]);
    // Taken events are not delivered again: the next one is the next append.
    const next = iterator.next();
    await store.appendToStream('callback-4', [registered()], { expectedRevision: 'no_stream' });
    expect((await next).value).toMatchObject({ streamName: 'callback-4' });
    await subscription.close();
  });

  it("reads a backlog in the consumer's batch size when it gives one, else in the store's", async () => {
    const store = openSqliteEventStore(freshFile(), { batchSize: 10 });
    opened.push(store);
    for (let i = 0; i < 5; i++) {
      await store.appendToStream(`callback-${i}`, Array.from({ length: 10 }, registered), {
        expectedRevision: 'no_stream',
      });
    }
    const firstBatch = async (options: { batchSize?: number }) => {
      const subscription = store.subscribeToAll(options);
      const iterator = subscription[Symbol.asyncIterator]() as AsyncIterator<RecordedEvent> & {
        takeBuffered(max: number): RecordedEvent[];
      };
      await iterator.next();
      const batch = 1 + iterator.takeBuffered(100).length;
      await subscription.close();
      return batch;
    };
    expect(await firstBatch({ batchSize: 30 })).toBe(30);
    expect(await firstBatch({ batchSize: 3 })).toBe(3);
    expect(await firstBatch({})).toBe(10);
  });

  it('never reuses the position of a deleted last event, so checkpoints stay valid', async () => {
    const store = open(freshFile());
    const kept = await store.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    const doomed = await store.appendToStream('callback-2', [registered()], { expectedRevision: 'no_stream' });
    await store.deleteStream('callback-2');
    expect(await store.headPosition()).toBe(kept.position);
    const next = await store.appendToStream('callback-3', [registered()], { expectedRevision: 'no_stream' });
    expect(next.position > doomed.position).toBe(true);
  });

  it('reports how many events a reader is behind the head', async () => {
    const store = open(freshFile());
    expect(store.behindHead(null, await store.headPosition())).toBe(0n);
    const first = await store.appendToStream('callback-1', [registered(), registered()], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('callback-2', [registered()], { expectedRevision: 'no_stream' });
    const head = await store.headPosition();
    expect(store.behindHead(null, head)).toBe(3n);
    expect(store.behindHead(first.position, head)).toBe(1n);
    expect(store.behindHead(head, head)).toBe(0n);
  });

  it('reports a conflict made by another connection between read and append', async () => {
    const file = freshFile();
    const [one, two] = [open(file), open(file)];
    await one.appendToStream('callback-1', [registered()], { expectedRevision: 'no_stream' });
    await two.appendToStream('callback-1', [registered()], { expectedRevision: 0 });
    await expect(one.appendToStream('callback-1', [registered()], { expectedRevision: 0 })).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
      actual: 1,
    });
  });
});

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function registered(): EventData {
  return {
    type: 'CallbackRegistered',
    data: { callbackId: '1' },
    metadata: {
      actor: { id: 'system', name: 'system', roles: [] },
      occurredAt: '2024-04-01T00:00:00.000Z',
      correlationId: 'c-1',
      causationId: null,
      schemaVersion: 1,
    },
  };
}
