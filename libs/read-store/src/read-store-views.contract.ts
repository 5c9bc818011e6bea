import { describe, expect, it } from '@jest/globals';
import type { CallbackEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { RecordedEvents, registration } from './recorded-events.fixture.js';
import type { ReadStore } from './read-store.port.js';

async function applyAll(store: ReadStore, events: readonly RecordedEvent[], target: 'active' | 'rebuild' = 'active') {
  for (const name of store.projectionNames) await store.applyEvents(name, events, { target });
}

/** Completed callbacks with known durations for the statistics. */
function statsEvents(): RecordedEvent[] {
  const events = new RecordedEvents();
  const out: RecordedEvent[] = [];
  const add = (id: string, event: CallbackEvent) => out.push(events.callback(id, event));
  const durations = [60, 120, 180, 240, 600]; // seconds, 東京 / sales
  durations.forEach((seconds, i) => {
    const id = `t${i}`;
    const registeredAt = new Date(Date.UTC(2024, 4, 1, 0, i)).toISOString();
    add(id, registration(id, { registeredAt, callCenter: '東京' }));
    add(id, { type: 'AgentAssigned', data: { callbackId: id, agent: i % 2 === 0 ? 'suzuki' : 'sato' } });
    const completedAt = new Date(Date.parse(registeredAt) + seconds * 1000).toISOString();
    add(id, { type: 'CallbackCompleted', data: { callbackId: id, completedAt } });
  });
  // 大阪: one open unassigned (registered 2024-05-01 23:30 JST), one open assigned on the next Tokyo day.
  add('o1', registration('o1', { registeredAt: '2024-05-01T14:30:00.000Z', callCenter: '大阪', businessLabel: null }));
  add('o2', registration('o2', { registeredAt: '2024-05-01T15:30:00.000Z', callCenter: '大阪' }));
  add('o2', { type: 'AgentAssigned', data: { callbackId: 'o2', agent: 'sato' } });
  // Completed then reopened: open again, no duration.
  add('o2', { type: 'CallbackCompleted', data: { callbackId: 'o2', completedAt: '2024-05-01T16:00:00.000Z' } });
  add('o2', { type: 'CallbackReopened', data: { callbackId: 'o2' } });
  return out;
}

export function readStoreViewsContract(getStore: () => ReadStore): void {
  describe('statistics', () => {
    it('counts and gives exact time-to-complete percentiles per group', async () => {
      const store = getStore();
      await applyAll(store, statsEvents());
      const byCenter = await store.callbackStats({ groupBy: 'callCenter' });
      expect(byCenter).toEqual([
        { key: '大阪', registered: 2, completed: 0, open: 2, unassigned: 1, p50: null, p90: null },
        { key: '東京', registered: 5, completed: 5, open: 0, unassigned: 0, p50: 180, p90: 456 },
      ]);
      const byAgent = await store.callbackStats({ groupBy: 'agent' });
      expect(byAgent.map((g) => [g.key, g.registered, g.p50])).toEqual([
        ['sato', 3, 180],
        ['suzuki', 3, 180],
        [null, 1, null],
      ]);
      const byDay = await store.callbackStats({ groupBy: 'day' });
      expect(byDay.map((g) => [g.key, g.registered])).toEqual([
        ['2024-05-01', 6],
        ['2024-05-02', 1],
      ]);
      const byLabel = await store.callbackStats({ groupBy: 'businessLabel', from: '2024-05-02', to: '2024-05-02' });
      expect(byLabel).toEqual([
        { key: 'sales', registered: 1, completed: 0, open: 1, unassigned: 0, p50: null, p90: null },
      ]);
    });
  });

  describe('stream', () => {
    it('yields every match in order across internal pages, ties by id', async () => {
      const store = getStore();
      const events = new RecordedEvents();
      const all: RecordedEvent[] = [];
      for (let i = 0; i < 2100; i++) {
        const id = `s${String(i).padStart(5, '0')}`;
        // Three callbacks per instant: the keyset must page through ties.
        const registeredAt = new Date(Date.UTC(2024, 4, 1) + Math.floor(i / 3) * 1000).toISOString();
        all.push(events.callback(id, registration(id, { registeredAt, callCenter: i % 2 ? 'odd' : 'even' })));
      }
      await store.applyEvents('callbacks', all);
      const seen: string[] = [];
      for await (const view of store.stream({ callCenter: 'even' }, undefined, 'registeredAt')) seen.push(view.id);
      expect(seen).toHaveLength(1050);
      expect(seen).toEqual([...seen].sort());
      const newest: string[] = [];
      for await (const view of store.stream({})) newest.push(view.id);
      expect(newest).toHaveLength(2100);
      expect(newest).toEqual([...newest].sort().reverse());

      // Narrowed by a keyword: full-text (3+ characters, no other criterion) and instr() (1–2 characters).
      const narrowed = async (q: string, sort: 'registeredAt' | '-registeredAt', stopAfter = Infinity) => {
        const out: string[] = [];
        for await (const view of store.stream({ q }, undefined, sort)) {
          out.push(view.id);
          if (out.length >= stopAfter) break;
        }
        return out;
      };
      const odd = seen.map((id) => `s${String(Number(id.slice(1)) + 1).padStart(5, '0')}`);
      expect(await narrowed('odd', 'registeredAt')).toEqual(odd);
      expect(await narrowed('ODD', '-registeredAt')).toEqual([...odd].reverse());
      expect(await narrowed('dd', 'registeredAt')).toEqual(odd);
      // A consumer that stops early leaves the store usable, and a second stream starts afresh.
      expect(await narrowed('odd', 'registeredAt', 5)).toEqual(odd.slice(0, 5));
      expect(await narrowed('odd', '-registeredAt', 1001)).toEqual([...odd].reverse().slice(0, 1001));
      expect(await store.count({ q: 'odd' })).toBe(1050);
    });
  });

  describe('batches', () => {
    it('gives the same rows whether events come one by one or in one batch', async () => {
      const store = getStore();
      const events = new RecordedEvents();
      const all: RecordedEvent[] = [];
      const add = (id: string, event: CallbackEvent) => all.push(events.callback(id, event));
      for (let i = 0; i < 30; i++) {
        const id = `b${String(i).padStart(2, '0')}`;
        add(id, registration(id, { registeredAt: new Date(Date.UTC(2024, 4, 1, i)).toISOString() }));
        if (i % 2 === 0) add(id, { type: 'AgentAssigned', data: { callbackId: id, agent: 'suzuki' } });
        if (i % 3 === 0) add(id, { type: 'MemoEdited', data: { callbackId: id, memo: `memo ${i}` } });
        if (i % 4 === 0) add(id, { type: 'AgentUnassigned', data: { callbackId: id } });
        if (i % 5 === 0) {
          add(id, { type: 'CallbackCompleted', data: { callbackId: id, completedAt: '2024-06-01T00:00:00.000Z' } });
        }
      }
      const cutoff = { retentionCutoff: new Date(Date.UTC(2024, 4, 1, 10)).toISOString() };
      for (const name of store.projectionNames) await store.applyEvents(name, all, cutoff);
      const batched = await store.digest();
      expect(await store.get('b05')).toBeNull(); // registered before the cutoff
      expect(await store.get('b12')).toMatchObject({ agent: null, memo: 'memo 12' });

      await store.beginRebuild();
      for (const name of store.projectionNames) {
        for (const event of all) await store.applyEvents(name, [event], { ...cutoff, target: 'rebuild' });
      }
      await store.commitRebuild();
      expect(await store.digest()).toBe(batched);
      // Replayed in one batch over the existing rows (and retention's tombstones): nothing changes.
      for (const name of store.projectionNames) {
        expect((await store.applyEvents(name, all, cutoff)).changed).toBe(0);
      }
      expect(await store.digest()).toBe(batched);
    });
  });

  describe('asynchronous-search list', () => {
    it('lists an owner’s searches newest first and removes deleted ones for good', async () => {
      const store = getStore();
      const events = new RecordedEvents();
      const request = (id: string, ownerId: string, requestedAt: string) =>
        events.asyncSearch(id, {
          type: 'AsyncSearchRequested',
          data: {
            asyncSearchId: id,
            ownerId,
            criteria: { agent: '-' },
            memo: `memo ${id}`,
            notify: false,
            encoding: 'utf-8',
            requestedAt,
          },
        });
      const stream = [
        request('a1', 'alice', '2024-05-01T00:00:00.000Z'),
        request('a2', 'alice', '2024-05-02T00:00:00.000Z'),
        request('b1', 'bob', '2024-05-03T00:00:00.000Z'),
        events.asyncSearch('a1', {
          type: 'AsyncSearchStarted',
          data: { asyncSearchId: 'a1', attempt: 1, startedAt: '2024-05-01T00:00:01.000Z' },
        }),
        events.asyncSearch('a1', {
          type: 'AsyncSearchSucceeded',
          data: {
            asyncSearchId: 'a1',
            rowCount: 3,
            byteSize: 99,
            fileId: 'f1',
            finishedAt: '2024-05-01T00:00:02.000Z',
          },
        }),
        events.asyncSearch('b1', {
          type: 'AsyncSearchDeleted',
          data: { asyncSearchId: 'b1', deletedAt: '2024-05-03T00:00:01.000Z' },
        }),
      ];
      await store.applyEvents('asyncSearches', stream);
      expect((await store.listAsyncSearches('alice')).map((row) => [row.id, row.status])).toEqual([
        ['a2', 'pending'],
        ['a1', 'succeeded'],
      ]);
      expect(await store.getAsyncSearch('a1')).toMatchObject({
        rowCount: 3,
        byteSize: 99,
        fileId: 'f1',
        criteria: { agent: '-' },
      });
      await store.applyEvents('asyncSearches', stream); // replay, including b1's request before its deletion
      expect(await store.listAsyncSearches('bob')).toEqual([]);
      expect(await store.getAsyncSearch('b1')).toBeNull();
    });
  });

  describe('rebuild', () => {
    it('fills a new generation while the old one serves, then swaps it in', async () => {
      const store = getStore();
      const events = statsEvents();
      await applyAll(store, events);
      await store.setCheckpoint('callbacks', 99n);
      const clean = await store.digest();

      const started = await store.beginRebuild();
      expect(started.rebuildingGeneration).not.toBeNull();
      expect(await store.beginRebuild()).toEqual(started); // resumes, does not restart
      expect(await store.getCheckpoint('callbacks', 'rebuild')).toBeNull();
      // A crash half-way: the first part is applied twice, as a restart from an old checkpoint would.
      await applyAll(store, events.slice(0, 9), 'rebuild');
      await applyAll(store, events, 'rebuild');
      await store.applyEvents('callbacks', [], { target: 'rebuild', checkpoint: 120n });
      expect(await store.count({})).toBe(7); // still the old generation
      expect(await store.getCheckpoint('callbacks')).toBe(99n);

      const committed = await store.commitRebuild();
      expect(committed).toMatchObject({
        activeGeneration: started.rebuildingGeneration,
        rebuildingGeneration: null,
        stale: false,
      });
      expect(await store.getCheckpoint('callbacks')).toBe(120n);
      expect(await store.digest()).toBe(clean);
      await expect(store.commitRebuild()).rejects.toThrow();
    });

    it('keeps retention deletions across a rebuild and can abort one', async () => {
      const store = getStore();
      const events = statsEvents();
      await applyAll(store, events);
      await store.beginRebuild();
      await store.deleteCallbacks(['t0']);
      await applyAll(store, events, 'rebuild');
      await store.commitRebuild();
      expect(await store.get('t0')).toBeNull();
      expect(await store.count({})).toBe(6);
      await store.beginRebuild();
      const aborted = await store.abortRebuild();
      expect(aborted.rebuildingGeneration).toBeNull();
      expect(await store.count({})).toBe(6);
    });
  });
}
