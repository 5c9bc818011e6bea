import { describe, expect, it } from '@jest/globals';
import type { CallbackEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { RecordedEvents, registration } from './recorded-events.fixture.js';
import type { ReadStoreAdapter } from './read-ports.js';

async function applyAll(
  store: ReadStoreAdapter,
  events: readonly RecordedEvent[],
  target: 'active' | 'rebuild' = 'active',
) {
  for (const name of store.ports.projectionStore.projectionNames)
    await store.ports.projectionStore.applyEvents(name, events, { target });
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

export function readStoreViewsContract(getStore: () => ReadStoreAdapter): void {
  describe('statistics', () => {
    it('counts and gives exact time-to-complete percentiles per group', async () => {
      const store = getStore();
      await applyAll(store, statsEvents());
      const byCenter = await store.ports.callbackStats.callbackStats({ groupBy: 'callCenter' });
      expect(byCenter).toEqual([
        { key: '大阪', registered: 2, completed: 0, open: 2, unassigned: 1, p50: null, p90: null },
        { key: '東京', registered: 5, completed: 5, open: 0, unassigned: 0, p50: 180, p90: 456 },
      ]);
      const byAgent = await store.ports.callbackStats.callbackStats({ groupBy: 'agent' });
      expect(byAgent.map((g) => [g.key, g.registered, g.p50])).toEqual([
        ['sato', 3, 180],
        ['suzuki', 3, 180],
        [null, 1, null],
      ]);
      const byDay = await store.ports.callbackStats.callbackStats({ groupBy: 'day' });
      expect(byDay.map((g) => [g.key, g.registered])).toEqual([
        ['2024-05-01', 6],
        ['2024-05-02', 1],
      ]);
      const byLabel = await store.ports.callbackStats.callbackStats({
        groupBy: 'businessLabel',
        from: '2024-05-02',
        to: '2024-05-02',
      });
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
      await store.ports.projectionStore.applyEvents('callbacks', all);
      const seen: string[] = [];
      for await (const view of store.ports.callbackSearch.stream({ callCenter: 'even' }, undefined, 'registeredAt'))
        seen.push(view.id);
      expect(seen).toHaveLength(1050);
      expect(seen).toEqual([...seen].sort());
      const newest: string[] = [];
      for await (const view of store.ports.callbackSearch.stream({})) newest.push(view.id);
      expect(newest).toHaveLength(2100);
      expect(newest).toEqual([...newest].sort().reverse());

      // Narrowed by a keyword: full-text (3+ characters, no other criterion) and instr() (1–2 characters).
      const narrowed = async (q: string, sort: 'registeredAt' | '-registeredAt', stopAfter = Infinity) => {
        const out: string[] = [];
        for await (const view of store.ports.callbackSearch.stream({ q }, undefined, sort)) {
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
      expect(await store.ports.callbackSearch.count({ q: 'odd' })).toBe(1050);
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
      for (const name of store.ports.projectionStore.projectionNames)
        await store.ports.projectionStore.applyEvents(name, all, cutoff);
      const batched = await store.digest();
      expect(await store.ports.callbackSearch.get('b05')).toBeNull(); // registered before the cutoff
      expect(await store.ports.callbackSearch.get('b12')).toMatchObject({ agent: null, memo: 'memo 12' });

      await store.ports.projectionStore.beginRebuild();
      for (const name of store.ports.projectionStore.projectionNames) {
        for (const event of all)
          await store.ports.projectionStore.applyEvents(name, [event], { ...cutoff, target: 'rebuild' });
      }
      await store.ports.projectionStore.commitRebuild();
      expect(await store.digest()).toBe(batched);
      // Replayed in one batch over the existing rows (and retention's tombstones): nothing changes.
      for (const name of store.ports.projectionStore.projectionNames) {
        expect((await store.ports.projectionStore.applyEvents(name, all, cutoff)).changed).toBe(0);
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
      await store.ports.projectionStore.applyEvents('asyncSearches', stream);
      expect((await store.ports.asyncSearchList.listAsyncSearches('alice')).map((row) => [row.id, row.status])).toEqual(
        [
          ['a2', 'pending'],
          ['a1', 'succeeded'],
        ],
      );
      expect(await store.ports.asyncSearchList.getAsyncSearch('a1')).toMatchObject({
        rowCount: 3,
        byteSize: 99,
        fileId: 'f1',
        criteria: { agent: '-' },
      });
      await store.ports.projectionStore.applyEvents('asyncSearches', stream); // replay, including b1's request before its deletion
      expect(await store.ports.asyncSearchList.listAsyncSearches('bob')).toEqual([]);
      expect(await store.ports.asyncSearchList.getAsyncSearch('b1')).toBeNull();
    });
  });

  describe('accounts list', () => {
    const passwordHash = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
    const tokenHash = 'e'.repeat(64);
    function accountEvents(): RecordedEvent[] {
      const events = new RecordedEvents();
      const created = (id: string, name: string, roles: ('admin' | 'agent')[]) =>
        events.account(id, {
          type: 'AccountCreated',
          data: { accountId: id, name, email: null, roles, createdAt: '2024-05-01T00:00:00.000Z' },
        });
      return [
        created('u1', 'Administrator', ['admin']),
        events.account('u1', {
          type: 'TokenIssued',
          data: { accountId: 'u1', tokenHash, issuedAt: '2024-05-01T00:00:00.000Z' },
        }),
        events.account('u1', {
          type: 'PasswordSet',
          data: { accountId: 'u1', passwordHash, setBy: 'admin', setAt: '2024-05-01T00:00:00.000Z' },
        }),
        created('u2', '鈴木', ['agent']),
        events.account('u2', { type: 'EmailRegistered', data: { accountId: 'u2', email: 'suzuki@example.jp' } }),
      ];
    }
    const listed = async (store: ReadStoreAdapter) =>
      (await store.ports.accountList.listAccounts()).sort((a, b) => (a.id < b.id ? -1 : 1));

    it('lists every account with whether it has a password, and no secret', async () => {
      const store = getStore();
      const events = accountEvents();
      await applyAll(store, events);
      const rows = await listed(store);
      expect(rows).toEqual([
        { id: 'u1', name: 'Administrator', email: null, roles: ['admin'], hasPassword: true },
        { id: 'u2', name: '鈴木', email: 'suzuki@example.jp', roles: ['agent'], hasPassword: false },
      ]);
      expect(JSON.stringify(rows)).not.toContain(passwordHash);
      expect(JSON.stringify(rows)).not.toContain(tokenHash);
      // Replayed (a restart from an older checkpoint): nothing changes.
      expect((await store.ports.projectionStore.applyEvents('accounts', events)).changed).toBe(0);
      expect(await listed(store)).toEqual(rows);
    });

    it('is rebuilt into the new generation like every view', async () => {
      const store = getStore();
      const events = accountEvents();
      await applyAll(store, events);
      const before = await store.digest();
      await store.ports.projectionStore.beginRebuild();
      expect(await listed(store)).toHaveLength(2); // the serving generation still answers
      await applyAll(store, events, 'rebuild');
      await store.ports.projectionStore.commitRebuild();
      expect(await store.digest()).toBe(before);
      expect((await listed(store)).map((row) => row.name)).toEqual(['Administrator', '鈴木']);
    });
  });

  describe('rebuild', () => {
    it('fills a new generation while the old one serves, then swaps it in', async () => {
      const store = getStore();
      const events = statsEvents();
      await applyAll(store, events);
      await store.ports.projectionStore.setCheckpoint('callbacks', 99n);
      const clean = await store.digest();

      const started = await store.ports.projectionStore.beginRebuild();
      expect(started.rebuildingGeneration).not.toBeNull();
      expect(await store.ports.projectionStore.beginRebuild()).toEqual(started); // resumes, does not restart
      expect(await store.ports.projectionStore.getCheckpoint('callbacks', 'rebuild')).toBeNull();
      // A crash half-way: the first part is applied twice, as a restart from an old checkpoint would.
      await applyAll(store, events.slice(0, 9), 'rebuild');
      await applyAll(store, events, 'rebuild');
      await store.ports.projectionStore.applyEvents('callbacks', [], { target: 'rebuild', checkpoint: 120n });
      expect(await store.ports.callbackSearch.count({})).toBe(7); // still the old generation
      expect(await store.ports.projectionStore.getCheckpoint('callbacks')).toBe(99n);

      const committed = await store.ports.projectionStore.commitRebuild();
      expect(committed).toMatchObject({
        activeGeneration: started.rebuildingGeneration,
        rebuildingGeneration: null,
        stale: false,
      });
      expect(await store.ports.projectionStore.getCheckpoint('callbacks')).toBe(120n);
      expect(await store.digest()).toBe(clean);
      await expect(store.ports.projectionStore.commitRebuild()).rejects.toThrow();
    });

    it('keeps retention deletions across a rebuild and can abort one', async () => {
      const store = getStore();
      const events = statsEvents();
      await applyAll(store, events);
      await store.ports.projectionStore.beginRebuild();
      await store.ports.callbackRetention.deleteCallbacks(['t0']);
      await applyAll(store, events, 'rebuild');
      await store.ports.projectionStore.commitRebuild();
      expect(await store.ports.callbackSearch.get('t0')).toBeNull();
      expect(await store.ports.callbackSearch.count({})).toBe(6);
      await store.ports.projectionStore.beginRebuild();
      const aborted = await store.ports.projectionStore.abortRebuild();
      expect(aborted.rebuildingGeneration).toBeNull();
      expect(await store.ports.callbackSearch.count({})).toBe(6);
    });
  });
}
