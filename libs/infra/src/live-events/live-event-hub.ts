/**
 * Fans the live changes feed out to the Server-Sent Events streams of this process.
 *
 * One hub per API process tails the feed (polling `readAfter` on an injected timer) and writes each change
 * to every stream allowed to see it, framed by better-sse's `EventBuffer` (`id:` = feed seq, `event:` =
 * change kind, `data:` = JSON payload). A stream resuming with `Last-Event-ID` first gets what it missed
 * from the feed, or a `stream.reset` event when that fell out of the retained window (refetch everything).
 * Memory per stream is bounded: a stream whose socket holds more than `maxBufferedBytes` unsent bytes is
 * dropped (the browser's EventSource reconnects and resumes from its last id).
 *
 * Wiring (next step): the `stream-live-events` use case (controller `GET /events`, authenticated by session
 * cookie or token) calls `reply.hijack()`, `reply.raw.writeHead(200, sseHeaders)`, then
 * `hub.connect({ accountId, lastEventId: request.headers['last-event-id'], mayReceive, sink: reply.raw })`;
 * `TooManyLiveStreamsError` → 429 `TOO_MANY_REQUESTS`; `reply.raw.on('close', () => stream.close())`.
 * `mayReceive` is the caller's read permission on callbacks plus "own searches only" (`mayReceiveFor`).
 */
import { createEventBuffer } from 'better-sse';
import type { LiveChange, LiveChangesFeed } from './live-changes-feed.port.js';

/** What the hub writes to: Node's `ServerResponse` (`reply.raw`) fits as it is. */
export interface LiveStreamSink {
  write(chunk: string): boolean;
  /** Bytes written but not yet handed to the socket. */
  readonly writableLength: number;
  destroy(): void;
}

export interface HubTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: HubTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface LiveEventHubOptions {
  maxStreamsPerAccount: number;
  heartbeatMs: number;
  pollMs: number;
  /** Unsent bytes a stream may hold before it is dropped. */
  maxBufferedBytes: number;
  /** Changes read from the feed per query. */
  readBatch: number;
  timers: HubTimers;
}

export const defaultLiveEventHubOptions: LiveEventHubOptions = {
  maxStreamsPerAccount: 5,
  heartbeatMs: 15_000,
  pollMs: 250,
  maxBufferedBytes: 256 * 1024,
  readBatch: 500,
  timers: systemTimers,
};

/** Response headers of an SSE stream (no proxy buffering, no caching). */
export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

export class TooManyLiveStreamsError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} live event streams per account`);
    this.name = 'TooManyLiveStreamsError';
  }
}

export interface LiveStreamRequest {
  accountId: string;
  /** The `Last-Event-ID` header as sent; anything but a non-negative integer means "from now". */
  lastEventId?: string | string[];
  mayReceive(change: LiveChange): boolean;
  sink: LiveStreamSink;
}

export interface LiveStream {
  close(): void;
}

interface Client {
  accountId: string;
  mayReceive: (change: LiveChange) => boolean;
  sink: LiveStreamSink;
  /** The last feed seq this client has been judged for. */
  lastSeq: number;
  catchingUp: boolean;
}

/** The usual policy: an asynchronous search's changes go to its owner alone; callbacks to readers of callbacks. */
export function mayReceiveFor(accountId: string, mayReadCallbacks: boolean): (change: LiveChange) => boolean {
  return (change) => (change.kind === 'asyncsearch.updated' ? change.ownerAccountId === accountId : mayReadCallbacks);
}

export class LiveEventHub {
  private readonly options: LiveEventHubOptions;
  private readonly clients = new Set<Client>();
  private position = 0;
  private polling: Promise<void> | null = null;
  private handles: unknown[] = [];
  private droppedCount = 0;

  constructor(
    private readonly feed: LiveChangesFeed,
    options: Partial<LiveEventHubOptions> = {},
  ) {
    this.options = { ...defaultLiveEventHubOptions, ...options };
  }

  /** Starts from the feed's current end: changes already recorded are only for resuming streams. */
  async start(): Promise<void> {
    this.position = await this.feed.latestSeq();
    const { timers, pollMs, heartbeatMs } = this.options;
    this.handles = [
      timers.setInterval(() => void this.poll().catch(() => undefined), pollMs),
      timers.setInterval(() => this.heartbeat(), heartbeatMs),
    ];
  }

  stop(): void {
    for (const handle of this.handles) this.options.timers.clearInterval(handle);
    this.handles = [];
    for (const client of [...this.clients]) this.drop(client);
  }

  /** Streams open for an account (or in all). */
  streamCount(accountId?: string): number {
    return [...this.clients].filter((client) => accountId === undefined || client.accountId === accountId).length;
  }

  /** Streams dropped for holding too many unsent bytes, since start (for `/metrics`). */
  get dropped(): number {
    return this.droppedCount;
  }

  async connect(request: LiveStreamRequest): Promise<LiveStream> {
    if (this.streamCount(request.accountId) >= this.options.maxStreamsPerAccount) {
      throw new TooManyLiveStreamsError(this.options.maxStreamsPerAccount);
    }
    const resumeFrom = parseLastEventId(request.lastEventId);
    const client: Client = {
      accountId: request.accountId,
      mayReceive: request.mayReceive,
      sink: request.sink,
      lastSeq: resumeFrom ?? this.position,
      catchingUp: resumeFrom !== null,
    };
    this.clients.add(client);
    // A comment first, so proxies and the browser see the stream open before any change.
    this.send(client, createEventBuffer().comment('connected').dispatch().read());
    if (client.catchingUp) await this.catchUp(client);
    return { close: () => void this.clients.delete(client) };
  }

  /** One tailing step: reads what the feed gained and hands it to the live streams. */
  poll(): Promise<void> {
    // Never two reads at once: a slow feed query makes the next tick wait for it, not pile up.
    this.polling ??= this.readNew().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  heartbeat(): void {
    const frame = createEventBuffer().comment('heartbeat').dispatch().read();
    for (const client of [...this.clients]) this.send(client, frame);
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const changes = await this.feed.readAfter(this.position, this.options.readBatch);
      for (const change of changes) {
        this.position = change.seq;
        for (const client of [...this.clients]) {
          if (!client.catchingUp) this.deliver(client, change);
        }
      }
      if (changes.length < this.options.readBatch) return;
    }
  }

  private async catchUp(client: Client): Promise<void> {
    const missedFrom = client.lastSeq;
    if (missedFrom > this.position) {
      // An id this feed never gave (another database, a feed reset): start over from now.
      this.reset(client);
      return;
    }
    let first = true;
    while (this.clients.has(client) && client.lastSeq < this.position) {
      const changes = (await this.feed.readAfter(client.lastSeq, this.options.readBatch)).filter(
        (change) => change.seq <= this.position,
      );
      // A gap right after the client's last id means changes it missed were pruned: it must refetch.
      if (first && (changes.length === 0 || (changes[0] as LiveChange).seq > missedFrom + 1)) {
        this.reset(client);
        return;
      }
      first = false;
      for (const change of changes) this.deliver(client, change);
      if (changes.length === 0) break;
    }
    // Synchronous from the last check to here: no poll can slip a change in between.
    client.lastSeq = Math.max(client.lastSeq, this.position);
    client.catchingUp = false;
  }

  private reset(client: Client): void {
    client.lastSeq = this.position;
    client.catchingUp = false;
    this.send(client, createEventBuffer().push({}, 'stream.reset', String(this.position)).read());
  }

  private deliver(client: Client, change: LiveChange): void {
    if (change.seq <= client.lastSeq) return;
    client.lastSeq = change.seq;
    if (!client.mayReceive(change)) return;
    this.send(client, createEventBuffer().push(change.payload, change.kind, String(change.seq)).read());
  }

  private send(client: Client, frame: string): void {
    if (!this.clients.has(client)) return;
    if (client.sink.writableLength + Buffer.byteLength(frame) > this.options.maxBufferedBytes) {
      this.droppedCount += 1;
      this.drop(client);
      return;
    }
    client.sink.write(frame);
  }

  private drop(client: Client): void {
    this.clients.delete(client);
    client.sink.destroy();
  }
}

function parseLastEventId(raw: string | string[] | undefined): number | null {
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}
