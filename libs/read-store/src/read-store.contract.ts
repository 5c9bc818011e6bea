import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CallbackEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { RecordedEvents, registration } from './recorded-events.fixture.js';
import { SearchLimitExceededError } from './projections/callback-search.port.js';
import type { ReadStoreAdapter } from './read-ports.js';
import { readStoreViewsContract } from './read-store-views.contract.js';

export interface ReadStoreFactory {
  /** A fresh, empty store (display time zone Asia/Tokyo). */
  open(): Promise<ReadStoreAdapter>;
  /** Removes what `open` created (files, database). */
  dispose(store: ReadStoreAdapter): Promise<void>;
}

/** Four callbacks around the Tokyo day boundary of 2024-05-01 / 05-02. */
export function seedEvents(events = new RecordedEvents()): RecordedEvent[] {
  const cb = (id: string, event: CallbackEvent) => events.callback(id, event);
  return [
    cb('cb1', registration('cb1', { registeredAt: '2024-05-01T14:59:59.999Z', callCenter: '東京' })),
    cb('cb1', { type: 'AgentAssigned', data: { callbackId: 'cb1', agent: 'suzuki' } }),
    cb('cb1', { type: 'MemoEdited', data: { callbackId: 'cb1', memo: 'ＶＩＰ顧客 折り返し希望' } }),
    cb(
      'cb2',
      registration('cb2', { registeredAt: '2024-05-01T15:00:00.000Z', callCenter: '大阪', callerNumber: null }),
    ),
    cb('cb2', { type: 'CallbackCompleted', data: { callbackId: 'cb2', completedAt: '2024-05-01T15:10:00.000Z' } }),
    cb('cb2', { type: 'AgentAssigned', data: { callbackId: 'cb2', agent: 'sato' } }),
    cb('cb2', { type: 'AgentUnassigned', data: { callbackId: 'cb2' } }),
    cb(
      'cb3',
      registration('cb3', { registeredAt: '2024-04-30T15:00:00.000Z', callCenter: '東京', businessLabel: null }),
    ),
    cb('cb3', { type: 'AgentAssigned', data: { callbackId: 'cb3', agent: 'tanaka' } }),
    cb('cb3', { type: 'MemoEdited', data: { callbackId: 'cb3', memo: 'abc123' } }),
    cb('cb3', { type: 'CallbackCompleted', data: { callbackId: 'cb3', completedAt: '2024-04-30T15:30:00.000Z' } }),
    cb(
      'cb4',
      registration('cb4', {
        registeredAt: '2024-05-03T03:00:00.000Z',
        callCenter: '大阪',
        callerNumber: '09011112222',
        ourNumber: '0120999888',
      }),
    ),
  ];
}

export async function applyAll(store: ReadStoreAdapter, events: readonly RecordedEvent[], checkpoint?: bigint) {
  for (const name of store.ports.projectionStore.projectionNames)
    await store.ports.projectionStore.applyEvents(name, events, { checkpoint });
}

export function readStoreContract(adapter: string, factory: ReadStoreFactory): void {
  describe(`read store contract: ${adapter}`, () => {
    let store: ReadStoreAdapter;
    beforeEach(async () => {
      store = await factory.open();
    });
    afterEach(async () => {
      await factory.dispose(store);
    });

    const ids = async (
      criteria: Record<string, string>,
      extra: { keywords?: string; columns?: never[] | string[] } = {},
    ) => {
      const result = await store.ports.callbackSearch.search({
        criteria,
        narrowing:
          extra.keywords === undefined ? undefined : ({ keywords: extra.keywords, columns: extra.columns } as never),
        page: 1,
        pageSize: 50,
        cap: 100,
      });
      return result.items.map((view) => view.id);
    };

    describe('callback view and criteria', () => {
      beforeEach(async () => applyAll(store, seedEvents(), 12n));

      it('keeps the view of each callback', async () => {
        expect(await store.ports.callbackSearch.get('cb1')).toMatchObject({
          agent: 'suzuki',
          memo: 'ＶＩＰ顧客 折り返し希望',
          version: 2,
          status: 'incomplete',
        });
        expect(await store.ports.callbackSearch.get('cb2')).toMatchObject({
          agent: null,
          status: 'complete',
          completedAt: '2024-05-01T15:10:00.000Z',
          version: 3,
        });
        expect(await store.ports.callbackSearch.get('nope')).toBeNull();
      });

      it('offers the call centers, business labels and agents the views hold, without nulls or repeats', async () => {
        expect(await store.ports.callbackChoices.searchChoices()).toEqual({
          callCenters: ['大阪', '東京'],
          businessLabels: ['sales'],
          agents: ['suzuki', 'tanaka'],
        });
      });

      it('offers no choices on an empty store', async () => {
        const empty = await factory.open();
        try {
          expect(await empty.ports.callbackChoices.searchChoices()).toEqual({
            callCenters: [],
            businessLabels: [],
            agents: [],
          });
        } finally {
          await factory.dispose(empty);
        }
      });

      it('reads date-only from/to as whole days in Asia/Tokyo', async () => {
        expect(await ids({ from: '2024-05-01', to: '2024-05-01' })).toEqual(['cb1', 'cb3']);
        expect(await ids({ from: '2024-05-02' })).toEqual(['cb4', 'cb2']);
        expect(await ids({ to: '2024-04-30' })).toEqual([]);
      });

      it('takes full date-times as given, to inclusive', async () => {
        expect(await ids({ from: '2024-05-01T15:00:00Z' })).toEqual(['cb4', 'cb2']);
        expect(await ids({ to: '2024-05-01T15:00:00.000Z' })).toEqual(['cb2', 'cb1', 'cb3']);
        expect(await ids({ from: '2024-05-02T00:00:00+09:00', to: '2024-05-02T00:00:00+09:00' })).toEqual(['cb2']);
      });

      it('filters each criterion exactly', async () => {
        expect(await ids({ callCenter: '東京' })).toEqual(['cb1', 'cb3']);
        expect(await ids({ callCenter: '東' })).toEqual([]);
        expect(await ids({ businessLabel: 'sales' })).toEqual(['cb4', 'cb2', 'cb1']);
        expect(await ids({ agent: 'tanaka' })).toEqual(['cb3']);
        expect(await ids({ agent: '-' })).toEqual(['cb4', 'cb2']);
        expect(await ids({ status: 'complete' })).toEqual(['cb2', 'cb3']);
        expect(await ids({ status: 'incomplete' })).toEqual(['cb4', 'cb1']);
        expect(await ids({ requestId: 'req-cb3' })).toEqual(['cb3']);
        expect(await ids({ ourNumber: '0120-999-888' })).toEqual(['cb4']);
      });

      it('matches phone numbers in any input form', async () => {
        expect(await ids({ callerNumber: '03-1234-5678' })).toEqual(['cb1', 'cb3']);
        expect(await ids({ callerNumber: '０３（１２３４）５６７８' })).toEqual(['cb1', 'cb3']);
        expect(await ids({ callerNumber: '090 1111 2222' })).toEqual(['cb4']);
      });

      it('combines criteria with AND', async () => {
        expect(await ids({ callCenter: '大阪', agent: '-', status: 'incomplete' })).toEqual(['cb4']);
        expect(await ids({ callCenter: '東京', from: '2024-05-01', to: '2024-05-01', status: 'complete' })).toEqual([
          'cb3',
        ]);
      });

      it('narrows by keywords in the shown columns, NFKC and case-insensitive', async () => {
        expect(await ids({}, { keywords: 'vip' })).toEqual(['cb1']);
        expect(await ids({}, { keywords: 'ｖｉｐ　折り返し' })).toEqual(['cb1']);
        expect(await ids({}, { keywords: 'ABC１２３' })).toEqual(['cb3']);
        expect(await ids({}, { keywords: 'ab 12' })).toEqual(['cb3']); // short keywords
        expect(await ids({}, { keywords: '未完了' })).toEqual(['cb4', 'cb1']);
        expect(await ids({}, { keywords: '完了' })).toEqual(['cb4', 'cb2', 'cb1', 'cb3']);
        expect(await ids({}, { keywords: 'vip tanaka' })).toEqual([]);
        expect(await ids({}, { keywords: '２０２４－０５－０２ 00:00:00' })).toEqual(['cb2']);
        expect(await ids({ callCenter: '東京' }, { keywords: 'suzuki' })).toEqual(['cb1']);
      });

      it('narrows only the columns the caller shows', async () => {
        expect(await ids({}, { keywords: 'suzuki', columns: ['memo', 'status'] })).toEqual([]);
        expect(await ids({}, { keywords: 'su', columns: ['memo', 'status'] })).toEqual([]);
        expect(await ids({}, { keywords: 'suzuki', columns: ['agent'] })).toEqual(['cb1']);
        // receivedAt is hidden by default: its time matches only when shown.
        expect(await ids({}, { keywords: '2024-05-01 09:59' })).toEqual([]);
        expect(await ids({}, { keywords: '2024-05-01 09:59', columns: ['receivedAt'] })).toHaveLength(4);
        expect(await ids({}, { keywords: 'vip', columns: [] })).toEqual([]);
      });

      it('takes keywords from criteria.q when the narrowing gives none', async () => {
        expect(await ids({ q: 'tanaka' })).toEqual(['cb3']);
      });

      it('pages and sorts both ways', async () => {
        const page = (page: number, sort: '-registeredAt' | 'registeredAt' = '-registeredAt') =>
          store.ports.callbackSearch.search({ criteria: {}, page, pageSize: 3, cap: 100, sort });
        expect(await page(1)).toMatchObject({ total: 4, items: [{ id: 'cb4' }, { id: 'cb2' }, { id: 'cb1' }] });
        expect((await page(2)).items.map((v) => v.id)).toEqual(['cb3']);
        expect(await page(3)).toEqual({ total: 4, items: [] });
        expect((await page(1, 'registeredAt')).items.map((v) => v.id)).toEqual(['cb3', 'cb1', 'cb2']);
      });

      it('refuses more matches than the cap before returning rows, accepts exactly the cap', async () => {
        const search = (cap: number) => store.ports.callbackSearch.search({ criteria: {}, page: 1, pageSize: 1, cap });
        expect((await search(4)).total).toBe(4);
        await expect(search(3)).rejects.toBeInstanceOf(SearchLimitExceededError);
        await expect(search(3)).rejects.toMatchObject({ cap: 3, matchedAtLeast: 4, code: 'SEARCH_LIMIT_EXCEEDED' });
        expect(await store.ports.callbackSearch.count({ agent: '-' })).toBe(2);
        expect(await store.ports.callbackSearch.count({}, undefined, 2)).toBe(2);
      });

      it('ignores a duplicate or older event (revision guard)', async () => {
        const before = await store.digest();
        const replay = seedEvents();
        expect((await store.ports.projectionStore.applyEvents('callbacks', replay)).changed).toBe(0);
        await applyAll(store, replay.slice(4, 6));
        expect(await store.digest()).toBe(before);
        expect((await store.ports.callbackSearch.get('cb2'))?.agent).toBeNull();
      });

      it('deletes callbacks for retention and never brings them back', async () => {
        expect(await store.ports.callbackRetention.findRegisteredBefore('2024-05-01T15:00:00.000Z', 10)).toEqual([
          'cb3',
          'cb1',
        ]);
        expect(await store.ports.callbackRetention.findRegisteredBefore('2024-05-01T15:00:00.000Z', 1)).toEqual([
          'cb3',
        ]);
        await store.ports.callbackRetention.deleteCallbacks(['cb3', 'cb1']);
        expect(await store.ports.callbackSearch.get('cb1')).toBeNull();
        expect(await ids({})).toEqual(['cb4', 'cb2']);
        await applyAll(store, seedEvents());
        expect(await ids({ callCenter: '東京' })).toEqual([]);
        expect((await store.ports.callbackStats.callbackStats({ groupBy: 'callCenter' })).map((g) => g.key)).toEqual([
          '大阪',
        ]);
      });

      it('lists the linked recordings oldest first, within a period, without expired ones', async () => {
        const events = new RecordedEvents();
        const link = (callbackId: string, registeredAt: string) => [
          events.callback(callbackId, registration(callbackId, { registeredAt, recordingId: `rec-${callbackId}` })),
          events.callback(callbackId, {
            type: 'RecordingLinked',
            data: {
              callbackId,
              recordingId: `rec-${callbackId}`,
              recordingBlobKey: `blob-${callbackId}`,
              contentType: 'audio/wav',
              extension: 'wav',
              byteSize: 100,
            },
          }),
        ];
        await applyAll(store, [
          ...link('r2', '2025-02-02T00:00:00.000Z'),
          ...link('r1', '2025-02-01T00:00:00.000Z'),
          ...link('r3', '2025-02-03T00:00:00.000Z'),
          events.callback('r3', {
            type: 'RecordingExpired',
            data: { callbackId: 'r3', recordingId: 'rec-r3', reason: 'cap' },
          }),
        ]);

        expect(await store.ports.linkedRecordings.findLinkedRecordings()).toEqual([
          { callbackId: 'r1', recordingId: 'rec-r1', registeredAt: '2025-02-01T00:00:00.000Z' },
          { callbackId: 'r2', recordingId: 'rec-r2', registeredAt: '2025-02-02T00:00:00.000Z' },
        ]);
        expect(
          await store.ports.linkedRecordings.findLinkedRecordings({
            from: '2025-02-01T12:00:00.000Z',
            to: '2025-03-01T00:00:00.000Z',
          }),
        ).toEqual([{ callbackId: 'r2', recordingId: 'rec-r2', registeredAt: '2025-02-02T00:00:00.000Z' }]);
        expect((await store.ports.callbackSearch.get('r3'))?.recordingExpired).toBe(true);
      });

      it('does not create views registered before the retention cutoff', async () => {
        const events = new RecordedEvents();
        const old = events.callback('old', registration('old', { registeredAt: '2020-01-01T00:00:00.000Z' }));
        await store.ports.projectionStore.applyEvents('callbacks', [old], {
          retentionCutoff: '2023-01-01T00:00:00.000Z',
        });
        expect(await store.ports.callbackSearch.get('old')).toBeNull();
      });
    });

    it('stores checkpoints per projection as exact bigints', async () => {
      expect(await store.ports.projectionStore.getCheckpoint('callbacks')).toBeNull();
      await store.ports.projectionStore.applyEvents('callbacks', [], { checkpoint: 42n });
      await store.ports.projectionStore.setCheckpoint('asyncSearches', 2n ** 70n + 1n);
      expect(await store.ports.projectionStore.getCheckpoint('callbacks')).toBe(42n);
      expect(await store.ports.projectionStore.getCheckpoint('asyncSearches')).toBe(2n ** 70n + 1n);
      expect(await store.ports.projectionStore.getCheckpoint('callbackStats')).toBeNull();
    });

    readStoreViewsContract(() => store);
  });
}
