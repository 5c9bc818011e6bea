import { beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { Writable } from 'node:stream';
import { asyncSearchUpdated, callbackChanged } from './live-changes-feed.contract.js';
import {
  LiveEventHub,
  mayReceiveFor,
  TooManyLiveStreamsError,
  type HubTimers,
  type LiveEventHubOptions,
} from './live-event-hub.js';
import { SqliteLiveChangesFeed } from './sqlite/sqlite-live-changes-feed.js';

/** Intervals that run only when the test fires them. */
class ManualTimers implements HubTimers {
  private readonly intervals = new Map<number, { callback: () => void; ms: number }>();
  private next = 0;
  setInterval(callback: () => void, ms: number): unknown {
    this.next += 1;
    this.intervals.set(this.next, { callback, ms });
    return this.next;
  }
  clearInterval(handle: unknown): void {
    this.intervals.delete(handle as number);
  }
  periods(): number[] {
    return [...this.intervals.values()].map((interval) => interval.ms).sort((a, b) => a - b);
  }
  fire(ms: number): void {
    for (const interval of this.intervals.values()) if (interval.ms === ms) interval.callback();
  }
}

/** A browser's socket: `stalled` never takes a byte (a reader that never reads). */
class BrowserSocket extends Writable {
  text = '';
  maxBuffered = 0;
  constructor(private readonly stalled = false) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.stalled) return;
    this.text += chunk.toString('utf8');
    done();
  }
  override write(chunk: string): boolean {
    const accepted = super.write(chunk);
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    return accepted;
  }
  /** The events received, as an EventSource would see them (comments left out). */
  events(): { id?: string; event?: string; data?: unknown }[] {
    return this.text
      .split('\n\n')
      .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith(':')))
      .filter((lines) => lines.length > 0)
      .map((lines) => {
        const fields = Object.fromEntries(
          lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
        );
        return {
          id: fields.id,
          event: fields.event,
          data: fields.data === undefined ? undefined : JSON.parse(fields.data),
        };
      });
  }
}

const now = new Date('2026-04-01T09:00:00.000Z');
let feed: SqliteLiveChangesFeed;
let timers: ManualTimers;
const hubWith = async (options: Partial<LiveEventHubOptions> = {}) => {
  const hub = new LiveEventHub(feed, { timers, ...options });
  await hub.start();
  return hub;
};
beforeEach(() => {
  feed = new SqliteLiveChangesFeed(new Database(':memory:'));
  timers = new ManualTimers();
});

describe('LiveEventHub', () => {
  it('sends callback changes to readers and a search update to its owner only, with the feed seq as id', async () => {
    const hub = await hubWith();
    const owner = new BrowserSocket();
    const other = new BrowserSocket();
    const auditor = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: mayReceiveFor('acc-1', true), sink: owner });
    await hub.connect({ accountId: 'acc-2', mayReceive: mayReceiveFor('acc-2', true), sink: other });
    await hub.connect({ accountId: 'acc-3', mayReceive: mayReceiveFor('acc-3', false), sink: auditor });

    feed.append([asyncSearchUpdated('as-1', 1, 'acc-1', 'pending'), callbackChanged('cb-1', 2)], now);
    await hub.poll();

    expect(owner.events()).toEqual([
      { id: '1', event: 'asyncsearch.updated', data: { id: 'as-1', status: 'pending' } },
      { id: '2', event: 'callback.changed', data: { id: 'cb-1', version: 2 } },
    ]);
    expect(other.events()).toEqual([{ id: '2', event: 'callback.changed', data: { id: 'cb-1', version: 2 } }]);
    expect(auditor.events()).toEqual([]);
  });

  it('polls the feed on its timer and sends a heartbeat every 15 s', async () => {
    const hub = await hubWith({ pollMs: 250 });
    expect(timers.periods()).toEqual([250, 15_000]);
    const socket = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: socket });

    feed.append([callbackChanged('cb-1', 1)], now);
    timers.fire(250);
    await hub.poll();
    expect(socket.events()).toHaveLength(1);

    timers.fire(15_000);
    expect(socket.text.endsWith(':heartbeat\n\n')).toBe(true);
    hub.stop();
    expect(timers.periods()).toEqual([]);
  });

  it('a new stream starts from now: changes recorded before it are not replayed', async () => {
    feed.append([callbackChanged('cb-old', 1)], now);
    const hub = await hubWith();
    const socket = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: socket, lastEventId: 'not-a-number' });
    feed.append([callbackChanged('cb-new', 1)], now);
    await hub.poll();
    expect(socket.events().map((event) => event.id)).toEqual(['2']);
  });

  it('a stream resuming with Last-Event-ID gets what it missed, then live changes, each once', async () => {
    const hub = await hubWith();
    feed.append(
      [1, 2, 3, 4].map((n) => callbackChanged(`cb-${n}`, 1)),
      now,
    );
    await hub.poll();

    const socket = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: socket, lastEventId: '2' });
    feed.append([callbackChanged('cb-5', 1)], now);
    await hub.poll();
    await hub.poll();

    expect(socket.events().map((event) => event.id)).toEqual(['3', '4', '5']);
  });

  it('a stream resuming from before the retained window is told to refetch (stream.reset)', async () => {
    const hub = await hubWith();
    feed.append(
      [1, 2, 3].map((n) => callbackChanged(`cb-${n}`, 1)),
      now,
    );
    feed.append([callbackChanged('cb-4', 1)], new Date(now.getTime() + 3_600_000));
    await feed.prune(new Date(now.getTime() + 1));
    await hub.poll();

    const socket = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: socket, lastEventId: '1' });
    const future = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: future, lastEventId: '99' });
    feed.append([callbackChanged('cb-5', 1)], now);
    await hub.poll();

    expect(socket.events()).toEqual([
      { id: '4', event: 'stream.reset', data: {} },
      { id: '5', event: 'callback.changed', data: { id: 'cb-5', version: 1 } },
    ]);
    expect(future.events().map((event) => event.event)).toEqual(['stream.reset', 'callback.changed']);
  });

  it('refuses a 6th stream of one account, not of another, and takes one again once a stream closes', async () => {
    const hub = await hubWith();
    const streams = [];
    for (let i = 0; i < 5; i += 1) {
      streams.push(await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: new BrowserSocket() }));
    }
    await expect(
      hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: new BrowserSocket() }),
    ).rejects.toThrow(TooManyLiveStreamsError);
    await hub.connect({ accountId: 'acc-2', mayReceive: () => true, sink: new BrowserSocket() });

    streams[0]?.close();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: new BrowserSocket() });
    expect(hub.streamCount('acc-1')).toBe(5);
  });

  it('drops a reader that never reads once it holds 64 KiB, while a reading client gets every change', async () => {
    const maxBufferedBytes = 64 * 1024;
    const hub = await hubWith({ maxBufferedBytes });
    const stalled = new BrowserSocket(true);
    const reading = new BrowserSocket();
    await hub.connect({ accountId: 'acc-1', mayReceive: () => true, sink: stalled });
    await hub.connect({ accountId: 'acc-2', mayReceive: () => true, sink: reading });

    const memo = '折り返し'.repeat(20);
    for (let batch = 0; batch < 20; batch += 1) {
      feed.append(
        Array.from({ length: 100 }, (_, i) => ({ ...callbackChanged(`cb-${batch}-${i}`, 1), payload: { memo } })),
        now,
      );
      await hub.poll();
    }

    expect(reading.events()).toHaveLength(2000);
    expect(stalled.destroyed).toBe(true);
    expect(stalled.maxBuffered).toBeLessThanOrEqual(maxBufferedBytes);
    expect(hub.dropped).toBe(1);
    expect(hub.streamCount()).toBe(1);
  });
});
