import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type EventStore, type RecordedEvent, openSqliteEventStore } from '#event-store';
import { toEventData } from '../event-metadata.js';
import { inBatches } from '../in-batches.js';
import type { KeyStore } from './key-store.port.js';
import { withPersonalData } from './with-personal-data.js';

/** The key store's contract in memory: shredded keys stay known as shredded. */
class MemoryKeyStore implements KeyStore {
  readonly keys = new Map<string, Buffer | 'shredded'>();
  async find(keyId: string) {
    return this.keys.get(keyId) ?? null;
  }
  async createIfAbsent(keyId: string, wrapped: Buffer) {
    if (!this.keys.has(keyId)) this.keys.set(keyId, wrapped);
    return this.keys.get(keyId)!;
  }
  async shred(keyIds: readonly string[]) {
    for (const keyId of keyIds) this.keys.set(keyId, 'shredded');
  }
  async close() {}
}

const context = { actor: { id: 'system', name: 'system', roles: [] }, correlationId: 'spec' };
const events = (...list: { type: string; data: unknown }[]) => toEventData(list, context, new Date());
const blobKey = 'd5c8b1f2-5a1e-4c8e-9e52-0d1f7c3a9b11';
const callerNumber = '09011112222';

async function streamOf(source: AsyncIterable<RecordedEvent>, streamName: string): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for await (const event of source) if (event.streamName === streamName) found.push(event);
  return found;
}

describe('withPersonalData', () => {
  let raw: EventStore;
  let keyStore: MemoryKeyStore;
  let store: EventStore;
  const masterKey = randomBytes(32);
  const stored = async (streamName: string) => JSON.stringify((await raw.readStream(streamName)).map((e) => e.data));

  beforeEach(() => {
    raw = openSqliteEventStore(':memory:');
    keyStore = new MemoryKeyStore();
    store = withPersonalData(raw, { keyStore, masterKey });
  });
  afterEach(() => store.close());

  it("encrypts the recording's blob key (upload and link) and the async search's criteria and memo", async () => {
    const recording = `recording-${randomUUID()}`;
    const callback = `callback-${randomUUID()}`;
    const search = `asyncsearch-${randomUUID()}`;
    const audio = {
      recordingId: 'r1',
      recordingBlobKey: blobKey,
      contentType: 'audio/wav',
      extension: 'wav',
      byteSize: 4,
    };
    await store.appendToStream(recording, events({ type: 'RecordingUploaded', data: { ...audio, uploadedAt: 'x' } }), {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(callback, events({ type: 'RecordingLinked', data: { ...audio, callbackId: 'c1' } }), {
      expectedRevision: 'any',
    });
    const request = { asyncSearchId: 'a1', ownerId: 'u1', criteria: { callerNumber }, memo: '山田様の件' };
    await store.appendToStream(search, events({ type: 'AsyncSearchRequested', data: request }), {
      expectedRevision: 'no_stream',
    });

    for (const stream of [recording, callback]) {
      expect(await stored(stream)).not.toContain(blobKey);
      expect((await store.readStream(stream))[0].data).toMatchObject({ recordingBlobKey: blobKey });
    }
    expect(await stored(search)).not.toContain(callerNumber);
    expect(await stored(search)).not.toContain('山田様');
    expect((await store.readStream(search))[0].data).toEqual(request);
    expect((await streamOf(store.readAll(), search))[0].data).toEqual(request);
    // Each stream has a key of its own: shredding one leaves the others readable.
    expect([...keyStore.keys.keys()].sort()).toEqual([callback, recording, search].sort());
  });

  it('reads events stored in clear before these fields were personal, beside new encrypted ones', async () => {
    const search = `asyncsearch-${randomUUID()}`;
    const request = { asyncSearchId: 'a1', ownerId: 'u1', criteria: { callerNumber }, memo: '旧形式' };
    // As an older release wrote it: straight into the store, in clear.
    await raw.appendToStream(search, events({ type: 'AsyncSearchRequested', data: request }), {
      expectedRevision: 'no_stream',
    });
    const recording = `recording-${randomUUID()}`;
    const upload = { recordingId: 'r1', recordingBlobKey: blobKey, contentType: 'audio/wav', extension: 'wav' };
    await raw.appendToStream(recording, events({ type: 'RecordingUploaded', data: { ...upload, uploadedAt: 'x' } }), {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(search, events({ type: 'AsyncSearchStarted', data: { asyncSearchId: 'a1' } }), {
      expectedRevision: 0,
    });

    expect((await store.readStream(search)).map((event) => event.data)).toEqual([request, { asyncSearchId: 'a1' }]);
    expect((await store.readStream(recording))[0].data).toMatchObject({ recordingBlobKey: blobKey });
    expect((await streamOf(store.readAll(), search)).map((event) => event.type)).toEqual([
      'AsyncSearchRequested',
      'AsyncSearchStarted',
    ]);
    const subscription = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) {
      seen.push(event);
      if (event.streamName === search && event.revision === 1) break;
    }
    await subscription.close();
    expect(seen.find((event) => event.streamName === search)?.data).toEqual(request);
    expect(seen.find((event) => event.streamName === recording)?.data).toMatchObject({ recordingBlobKey: blobKey });
  });

  it("hands a catch-up on as whole batches of the consumer's size, each stream's key looked up ahead", async () => {
    const streams = Array.from({ length: 600 }, () => `callback-${randomUUID()}`);
    for (const stream of streams) {
      await raw.appendToStream(stream, events({ type: 'AgentAssigned', data: { agent: 'agent-1' } }), {
        expectedRevision: 'any',
      });
    }
    const subscription = store.subscribeToAll({ batchSize: 1_000 });
    const batches = inBatches<RecordedEvent>(subscription[Symbol.asyncIterator](), 1_000);
    const first = await batches.next();
    await subscription.close();
    expect(first.done ? [] : first.value.map((event) => event.streamName)).toEqual(streams);
  });

  it('shreds the stream key once an erasing event is appended; only that event still reads, for every reader', async () => {
    const search = `asyncsearch-${randomUUID()}`;
    const request = { asyncSearchId: 'a1', ownerId: 'u1', criteria: { callerNumber }, memo: 'm' };
    await store.appendToStream(search, events({ type: 'AsyncSearchRequested', data: request }), {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(
      search,
      events({ type: 'AsyncSearchDeleted', data: { asyncSearchId: 'a1', deletedAt: 'x', fileId: 'f1' } }),
      { expectedRevision: 0 },
    );
    expect(keyStore.keys.get(search)).toBe('shredded');
    // This process and another one that never held the key read the same.
    for (const reader of [store, withPersonalData(raw, { keyStore, masterKey })]) {
      const read = await reader.readStream(search);
      expect(read.map((event) => event.type)).toEqual(['AsyncSearchDeleted']);
      expect(read[0].data).toMatchObject({ fileId: 'f1' });
      expect((await streamOf(reader.readAll(), search)).map((event) => event.type)).toEqual(['AsyncSearchDeleted']);
    }
  });

  it('finishes the shredding on the next read when a crash came between the erasing append and the shred', async () => {
    const search = `asyncsearch-${randomUUID()}`;
    await store.appendToStream(
      search,
      events({ type: 'AsyncSearchRequested', data: { asyncSearchId: 'a1', criteria: { callerNumber }, memo: '' } }),
      { expectedRevision: 'no_stream' },
    );
    await raw.appendToStream(search, events({ type: 'AsyncSearchDeleted', data: { asyncSearchId: 'a1' } }), {
      expectedRevision: 0,
    });
    expect(keyStore.keys.get(search)).not.toBe('shredded');
    expect((await store.readStream(search)).map((event) => event.type)).toEqual(['AsyncSearchDeleted']);
    expect(keyStore.keys.get(search)).toBe('shredded');
  });
});
