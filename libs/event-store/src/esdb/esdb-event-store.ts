import {
  type AllStreamResolvedEvent,
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type JSONEventData,
  type JSONType,
  NO_STREAM,
  type ReadPosition,
  type RecordedEvent as EsdbStreamEvent,
  START,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import {
  type AllSubscription,
  type AppendResult,
  type EventData,
  type EventMetadata,
  type EventStore,
  type EventStoreCapabilities,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '../event-store.port.js';
import { EsdbAllSubscription } from './esdb-all-subscription.js';
import { decodeEsdbPosition, encodeEsdbPosition, esdbBytesBehind } from './esdb-position.js';

type EsdbRecordedEvent = NonNullable<AllStreamResolvedEvent['event']>;

export interface EsdbEventStoreOptions {
  /** Events per `$all` read request; bounds memory while iterating millions of events. */
  pageSize?: number;
}

/** Connects to EventStoreDB, e.g. `esdb://localhost:2113?tls=false`. The connection is lazy. */
export function openEsdbEventStore(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
  return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
}

export class EsdbEventStore implements EventStore {
  // Soft delete: EventStoreDB keeps a deleted stream's events in $all until a scavenge runs.
  readonly capabilities: EventStoreCapabilities = { deleteRemovesFromAll: false };

  private readonly pageSize: number;
  private readonly subscriptions = new Set<EsdbAllSubscription>();

  constructor(
    readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.pageSize = Math.max(2, options.pageSize ?? 500);
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) return this.eventAt(streamName, END);
    const expected = options.expectedRevision;
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEsdbEvent), {
        expectedRevision: expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : BigInt(expected),
      });
      const nextRevision = Number(result.nextExpectedRevision);
      // One event (the usual command): the server's position is that event's. Several events share a
      // commit position and differ by prepare position; rather than rely on which one the server
      // reports, read back the exact revision just written (no race: that revision is ours).
      if (events.length === 1 && result.position) {
        return { nextRevision, position: encodeEsdbPosition(result.position) };
      }
      return this.eventAt(streamName, result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof EsdbStreamDeletedError) throw new StreamDeletedError(streamName, expected);
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamName, expected, actual);
      }
      throw error;
    }
  }

  async readStream(streamName: string): Promise<RecordedEvent[]> {
    const recorded: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName)) {
        if (resolved.event) recorded.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof EsdbStreamDeletedError) return [];
      throw error;
    }
    return recorded;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const from = options.after === undefined ? START : decodeEsdbPosition(options.after);
    for await (const event of this.scanAll(FORWARDS, from, options.after)) {
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeToAll(options: { after?: bigint } = {}): AllSubscription {
    const subscription = new EsdbAllSubscription(
      {
        client: this.client,
        headPosition: () => this.headPosition(),
        toRecordedEvent: (resolved) =>
          resolved.event && !isSystemEvent(resolved.event) ? toRecordedEvent(resolved.event) : null,
      },
      options.after,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint | null> {
    for await (const event of this.scanAll(BACKWARDS, END)) return event.position;
    return null;
  }

  behindHead(position: bigint | null, head: bigint | null): bigint {
    return esdbBytesBehind(position, head);
  }

  /**
   * A tombstone (hard delete), not a soft delete: after a soft delete the server accepts an append with
   * the old revision or "no stream" and numbers on from the old revision, so a command racing the
   * sweeper would resurrect the stream holding only its new event. A tombstoned name refuses appends.
   */
  async deleteStream(streamName: string): Promise<void> {
    try {
      await this.client.tombstoneStream(streamName);
    } catch (error) {
      // Deleting what is already gone is what the retention sweeper's retry expects to be harmless.
      if (error instanceof StreamNotFoundError || error instanceof EsdbStreamDeletedError) return;
      throw error;
    }
  }

  async deleteStreams(streamNames: readonly string[]): Promise<void> {
    // EventStoreDB deletes one stream per request; a few at a time keeps the sweeper from flooding it.
    for (let i = 0; i < streamNames.length; i += 16) {
      await Promise.all(streamNames.slice(i, i + 16).map((name) => this.deleteStream(name)));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Reads $all page by page, skipping system events. v6 of the client cannot filter `readAll` on the
   * server, and one unbounded read would hold a gRPC stream open for as long as the consumer dawdles.
   * Pages restart at the last position seen; whether the server includes that event or not, the
   * position check drops it, so the scan neither repeats nor loses events.
   */
  private async *scanAll(direction: typeof FORWARDS | typeof BACKWARDS, from: ReadPosition, after?: bigint) {
    let fromPosition = from;
    let lastSeen = after ?? null;
    for (;;) {
      const page: EsdbRecordedEvent[] = [];
      for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount: this.pageSize })) {
        if (resolved.event) page.push(resolved.event);
      }
      let progressed = false;
      for (const event of page) {
        const position = encodeEsdbPosition(event.position);
        const seen = lastSeen !== null && (direction === FORWARDS ? position <= lastSeen : position >= lastSeen);
        if (seen) continue;
        lastSeen = position;
        progressed = true;
        if (!isSystemEvent(event)) yield toRecordedEvent(event);
      }
      if (page.length < this.pageSize || !progressed) return;
      fromPosition = page[page.length - 1].position;
    }
  }

  /** The revision and position of one event of a stream (END: its last), or -1/-1n when there is none. */
  private async eventAt(streamName: string, revision: bigint | typeof END): Promise<AppendResult> {
    const direction = revision === END ? BACKWARDS : FORWARDS;
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction,
        fromRevision: revision,
        maxCount: 1,
      })) {
        if (!resolved.event) continue;
        const last = toRecordedEvent(resolved.event, resolved.commitPosition);
        return { nextRevision: last.revision, position: last.position };
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError || error instanceof EsdbStreamDeletedError)) throw error;
    }
    return { nextRevision: -1, position: -1n };
  }
}

function toEsdbEvent(event: EventData): JSONEventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONType,
    metadata: { ...event.metadata },
  };
}

// System events ($metadata written by deletes, $statistics, projections' links) are not ours to read.
function isSystemEvent(event: { type: string }): boolean {
  return event.type.startsWith('$');
}

function toRecordedEvent(event: EsdbRecordedEvent | EsdbStreamEvent, commitPosition?: bigint): RecordedEvent {
  const position =
    event.position ?? (commitPosition === undefined ? undefined : { commit: commitPosition, prepare: commitPosition });
  return {
    id: event.id,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: position ? encodeEsdbPosition(position) : -1n,
    type: event.type,
    data: decodeJson(event.data),
    metadata: decodeJson(event.metadata) as EventMetadata,
    recordedAt: event.created,
  };
}

/** Events written by this adapter are JSON; anything else arrives as bytes and is parsed the same way. */
function decodeJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
  return value;
}
