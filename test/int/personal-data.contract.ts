import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CallbackRegisteredData } from '#domain';
import { type EventStore, type RecordedEvent, StreamDeletedError } from '#event-store';
import { openSqliteKeyStore } from '#infra';
import { type KeyStore, toEventData, withPersonalData } from '#kernel';
import { type CallbackView, callbackViewProjection } from '#read-store';

const callerNumber = '09087654321';
const memo = '折り返し希望: 夕方以降 secret-memo';
const context = { actor: { id: 'system', name: 'system', roles: [] }, correlationId: 'contract' };

/** What a reader rebuilding the view from the global order would make of one callback's events. */
function viewFrom(events: readonly RecordedEvent[]): CallbackView | null {
  return events.reduce<CallbackView | null>((view, event) => callbackViewProjection.evolve(view, event), null);
}

async function eventsOf(source: AsyncIterable<RecordedEvent>, stream: string): Promise<RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for await (const event of source) if (event.streamName === stream) found.push(event);
  return found;
}

/**
 * Crypto-shredding over an event store adapter: personal fields never stored in clear, read back in clear
 * while the key lives, and once the key is shredded an event that survives (EventStoreDB keeps deleted
 * events in `$all` until a scavenge; a backup keeps everything) yields no personal data and no view.
 */
export function personalDataContract(name: string, openRaw: () => Promise<EventStore> | EventStore): void {
  describe(`crypto-shredding over ${name}`, () => {
    let raw: EventStore;
    let keyStore: KeyStore;
    let store: EventStore;
    const masterKey = randomBytes(32);
    const open = () => withPersonalData(raw, { keyStore, masterKey });

    beforeEach(async () => {
      raw = await openRaw();
      keyStore = openSqliteKeyStore(':memory:');
      store = open();
    });
    afterEach(() => store.close());

    async function registerWithMemo(): Promise<string> {
      const callbackId = randomUUID();
      const stream = `callback-${callbackId}`;
      const registered: CallbackRegisteredData = {
        callbackId,
        requestId: `contract-${callbackId}`,
        receivedAt: '2026-11-20T01:00:00.000Z',
        registeredAt: '2026-11-20T01:00:01.000Z',
        callCenter: '東京',
        businessLabel: null,
        callerNumber,
        ourNumber: '0120000111',
        recordingId: null,
        registeredAtGiven: false,
      };
      const events = [
        { type: 'CallbackRegistered', data: registered },
        { type: 'MemoEdited', data: { callbackId, memo } },
      ];
      await store.appendToStream(stream, toEventData(events, context, new Date()), { expectedRevision: 'no_stream' });
      return stream;
    }

    it('stores personal fields encrypted and reads them back in clear', async () => {
      const stream = await registerWithMemo();
      const stored = JSON.stringify((await raw.readStream(stream)).map((event) => event.data));
      expect(stored).not.toContain(callerNumber);
      expect(stored).not.toContain('secret-memo');
      const clear = await store.readStream(stream);
      expect(clear.map((event) => event.data)).toEqual([
        expect.objectContaining({ callerNumber }),
        expect.objectContaining({ memo }),
      ]);
      expect(viewFrom(await eventsOf(store.readAll(), stream))).toMatchObject({ callerNumber, memo });
    });

    it('yields no personal data and no view for an event read back after its key was shredded', async () => {
      const stream = await registerWithMemo();
      // The events survive (as in $all before a scavenge); only the key is destroyed, by another process,
      // and a reader that does not hold the key already (a rebuild, a restarted projector) meets them.
      await keyStore.shred([stream]);
      for (const reader of [open()]) {
        expect(await reader.readStream(stream)).toEqual([]);
        const survivors = await eventsOf(reader.readAll(), stream);
        expect(survivors).toEqual([]);
        expect(viewFrom(survivors)).toBeNull();
        const marker = `marker-${randomUUID()}`;
        await reader.appendToStream(marker, toEventData([{ type: 'Marker', data: {} }], context, new Date()), {
          expectedRevision: 'no_stream',
        });
        const subscription = reader.subscribeToAll();
        const seen: RecordedEvent[] = [];
        for await (const event of subscription) {
          seen.push(event);
          if (event.streamName === marker) break;
        }
        await subscription.close();
        expect(seen.filter((event) => event.streamName === stream)).toEqual([]);
      }
      const survivingText = JSON.stringify((await raw.readStream(stream)).map((event) => event.data));
      expect(survivingText).not.toContain(callerNumber);
      expect(survivingText).not.toContain('secret-memo');
    });

    it('refuses any later write to a callback whose key was shredded', async () => {
      const stream = await registerWithMemo();
      await store.deleteStream(stream);
      const again = toEventData([{ type: 'MemoEdited', data: { callbackId: 'x', memo: 'new' } }], context, new Date());
      await expect(store.appendToStream(stream, again, { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
      expect(await keyStore.find(stream)).toBe('shredded');
    });
  });
}
