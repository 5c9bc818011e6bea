import {
  type AllSubscription,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
  StreamDeletedError,
} from '#event-store';
import { decryptValue, encryptValue, isEncryptedValue } from './field-cipher.js';
import type { KeyStore } from './key-store.port.js';
import { wrapSubscription } from '../wrap-subscription.js';
import { type KeyState, PersonalDataKeys } from './personal-data-keys.js';
import { dataKeyIdOf, personalFields as declaredFields, erasingEvents as declaredErasing } from './personal-fields.js';

export interface PersonalDataOptions {
  keyStore: KeyStore;
  /** 32 bytes (`PII_MASTER_KEY`): wraps every data key. */
  masterKey: Buffer;
  fields?: Readonly<Record<string, readonly string[]>>;
  /** Event types whose append shreds their stream's key (default `erasingEvents`). */
  erasing?: ReadonlySet<string>;
}

type Fields = Readonly<Record<string, readonly string[]>>;

const contextOf = (streamName: string, type: string, field: string) => `${streamName}/${type}/${field}`;

/**
 * The event with its personal fields in clear; null when they cannot be (key shredded: erased). An erasing
 * event carries nothing personal and stays readable: it is how readers learn of the end.
 */
function decrypted(
  event: RecordedEvent,
  key: KeyState,
  fields: Fields,
  erasing: ReadonlySet<string>,
): RecordedEvent | null {
  if (key === 'shredded') return erasing.has(event.type) ? event : null;
  const names = fields[event.type];
  if (!names) return event;
  const data = event.data as Record<string, unknown>;
  if (!names.some((name) => isEncryptedValue(data[name]))) return event;
  if (key === 'none') return null; // encrypted under a key that no longer exists anywhere
  const clear = { ...data };
  for (const name of names) {
    if (isEncryptedValue(data[name]))
      clear[name] = decryptValue(key, contextOf(event.streamName, event.type, name), data[name]);
  }
  return { ...event, data: clear };
}

/**
 * Crypto-shredding in the event store every process opens (under `withUpcasting`): personal fields are
 * encrypted with their stream's data key (see `dataKeyIdOf`) on append and decrypted on read, so the store
 * never holds them in clear and the domain never sees ciphertext. Deleting a stream destroys its key
 * first, and appending an erasing event (a deleted async search) destroys it right after; from then on
 * any copy of its events (EventStoreDB's `$all` before a scavenge, a backup) reads as deleted: the stream
 * reads as absent (but for its erasing events) and the global order skips its events, so no view,
 * history or rebuild brings the callback back. Events stored in clear before a field was personal still
 * read as they are; only values carrying the encrypted prefix are decrypted.
 */
export function withPersonalData(store: EventStore, options: PersonalDataOptions): EventStore {
  const fields = options.fields ?? declaredFields;
  const erasing = options.erasing ?? declaredErasing;
  const read = (event: RecordedEvent, key: KeyState) => decrypted(event, key, fields, erasing);
  const keys = new PersonalDataKeys(options.keyStore, options.masterKey);

  /** Without waiting: the event, null to skip it, or undefined when its key must be looked up first. */
  function resolveNow(event: RecordedEvent): RecordedEvent | null | undefined {
    const keyId = dataKeyIdOf(event.streamName);
    if (keyId === null) return event;
    const key = keys.cached(keyId);
    if (key === undefined) return undefined;
    const result = read(event, key);
    // 'none' cached before the key was created elsewhere: look again rather than skip.
    return result === null && key === 'none' ? undefined : result;
  }

  async function resolve(event: RecordedEvent): Promise<RecordedEvent | null> {
    const now = resolveNow(event);
    if (now !== undefined) return now;
    return read(event, await keys.find(dataKeyIdOf(event.streamName)!));
  }

  /** Looks up, together, the keys of these events that this process does not hold yet. */
  async function prefetch(events: readonly RecordedEvent[]): Promise<void> {
    const missing = new Set<string>();
    for (const event of events) {
      const keyId = dataKeyIdOf(event.streamName);
      if (keyId !== null && resolveNow(event) === undefined) missing.add(keyId);
    }
    await Promise.all([...missing].map((keyId) => keys.find(keyId)));
  }

  async function encrypt(streamName: string, events: EventData[], expected: unknown): Promise<EventData[]> {
    const keyId = dataKeyIdOf(streamName);
    if (keyId === null || !events.some((event) => fields[event.type])) return events;
    const key = await keys.findOrCreate(keyId);
    if (key === 'shredded') throw new StreamDeletedError(streamName, expected as never);
    return events.map((event) => {
      const names = fields[event.type];
      if (!names) return event;
      const data = { ...(event.data as Record<string, unknown>) };
      for (const name of names) {
        // null (a withheld number) and absent fields carry nothing personal.
        if (data[name] !== null && data[name] !== undefined) {
          data[name] = encryptValue(key, contextOf(streamName, event.type, name), data[name]);
        }
      }
      return { ...event, data };
    });
  }

  async function shredFirst(streamNames: readonly string[]): Promise<void> {
    const keyIds = streamNames.map(dataKeyIdOf).filter((keyId): keyId is string => keyId !== null);
    await keys.shred(keyIds);
  }

  /** The stream's key, shredded first when the stream holds an erasing event (a crash came in between). */
  async function keyOfStream(keyId: string, recorded: readonly RecordedEvent[]): Promise<KeyState> {
    const key = await keys.find(keyId);
    if (key === 'shredded' || !recorded.some((event) => erasing.has(event.type))) return key;
    await keys.shred([keyId]);
    return 'shredded';
  }

  return {
    capabilities: store.capabilities,
    behindHead: store.behindHead?.bind(store),
    appendToStream: async (streamName, events, appendOptions) => {
      const result = await store.appendToStream(
        streamName,
        await encrypt(streamName, events, appendOptions.expectedRevision),
        appendOptions,
      );
      const keyId = dataKeyIdOf(streamName);
      // After the append, never before: a lost race must not destroy the key of a stream that goes on.
      if (keyId !== null && events.some((event) => erasing.has(event.type))) await keys.shred([keyId]);
      return result;
    },
    readStream: async (streamName) => {
      const recorded = await store.readStream(streamName);
      const keyId = dataKeyIdOf(streamName);
      if (keyId === null || recorded.length === 0) return recorded;
      const key = await keyOfStream(keyId, recorded);
      const clear = recorded.map((event) => read(event, key));
      // One unreadable event means the stream was erased: it reads as deleted, but for its erasing events.
      if (!clear.some((event) => event === null)) return clear as RecordedEvent[];
      return clear.filter((event): event is RecordedEvent => event !== null && erasing.has(event.type));
    },
    readAll: (readOptions?: ReadAllOptions) => readable(store.readAll(readOptions), resolve),
    subscribeToAll: (subscribeOptions) =>
      readableSubscription(
        store.subscribeToAll(subscribeOptions),
        { resolve, resolveNow, prefetch },
        subscribeOptions?.batchSize ?? defaultLookAhead,
      ),
    headPosition: () => store.headPosition(),
    deleteStream: async (streamName) => {
      await shredFirst([streamName]);
      await store.deleteStream(streamName);
    },
    deleteStreams: async (streamNames) => {
      await shredFirst(streamNames);
      await store.deleteStreams(streamNames);
    },
    close: async () => {
      await store.close();
      await options.keyStore.close();
    },
  };
}

async function* readable(
  source: AsyncIterable<RecordedEvent>,
  resolve: (event: RecordedEvent) => Promise<RecordedEvent | null>,
): AsyncIterable<RecordedEvent> {
  for await (const event of source) {
    const clear = await resolve(event);
    if (clear) yield clear;
  }
}

interface Resolver {
  resolve(event: RecordedEvent): Promise<RecordedEvent | null>;
  resolveNow(event: RecordedEvent): RecordedEvent | null | undefined;
  prefetch(events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * How many buffered events one key lookup looks ahead at when the consumer gave no batch size; otherwise
 * its batch size, so a whole catch-up batch is readable at once.
 */
const defaultLookAhead = 500;

/**
 * Keeps the subscription's synchronous read-ahead (`takeBuffered`, which batching relies on): when `next()`
 * meets an event whose key this process does not hold, it takes what the source has buffered and looks up
 * all their keys at once, so the following `takeBuffered` hands them on without waiting. An event whose key
 * is still unknown there stops the batch; it and the rest wait, in order, for the next `next()`.
 */
function readableSubscription(subscription: AllSubscription, resolver: Resolver, lookAhead: number): AllSubscription {
  return wrapSubscription(subscription, (source) => {
    const waiting: RecordedEvent[] = [];
    return {
      next: async () => {
        for (;;) {
          const result = waiting.length > 0 ? { done: false as const, value: waiting.shift()! } : await source.next();
          if (result.done) return result;
          if (resolver.resolveNow(result.value) === undefined) {
            if (source.takeBuffered && waiting.length < lookAhead) {
              waiting.push(...source.takeBuffered(lookAhead - waiting.length));
            }
            await resolver.prefetch([result.value, ...waiting]);
          }
          const clear = await resolver.resolve(result.value);
          if (clear) return { done: false, value: clear };
        }
      },
      takeBuffered: (max) => {
        // Events already waiting come first; only when none wait is the source's buffer read.
        const candidates = waiting.length > 0 ? waiting.splice(0) : source.takeBuffered!(max);
        const ready: RecordedEvent[] = [];
        for (let index = 0; index < candidates.length; index++) {
          const clear = ready.length < max ? resolver.resolveNow(candidates[index]) : undefined;
          if (clear === undefined) {
            waiting.unshift(...candidates.slice(index));
            break;
          }
          if (clear) ready.push(clear);
        }
        return ready;
      },
    };
  });
}
