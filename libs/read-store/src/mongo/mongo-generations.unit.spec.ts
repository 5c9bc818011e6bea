import { describe, expect, it } from '@jest/globals';
import type { Db } from 'mongodb';
import { createReadProjections } from '../read-projections.js';
import { MongoGenerations, pointerCacheMs } from './mongo-generations.js';

/** `$set` of a dotted path, as the server does it. */
function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = doc;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
}

/** A stand-in for the driver's `Db` holding the pointer document in memory and counting its reads. */
function fakeDb() {
  const state = { pointerReads: 0, doc: null as Record<string, unknown> | null };
  const meta = {
    findOne: async () => {
      state.pointerReads += 1;
      return state.doc && structuredClone(state.doc);
    },
    updateOne: async (filter: Record<string, unknown>, update: Record<string, Record<string, unknown>>) => {
      if (!state.doc) state.doc = { _id: 'generations', ...update.$setOnInsert };
      else if (Object.entries(filter).every(([key, value]) => state.doc![key] === value)) {
        for (const [key, value] of Object.entries(update.$set ?? {})) setPath(state.doc, key, value);
      } else return { modifiedCount: 0 };
      return { modifiedCount: 1 };
    },
  };
  const db = {
    collection: (name: string) => (name === 'meta' ? meta : { createIndexes: async () => [], drop: async () => true }),
    listCollections: () => ({ toArray: async () => [] }),
  };
  return { db: db as unknown as Db, state };
}

describe('MongoDB generation pointer', () => {
  it('is read once per cache period by queries and batches, not once per call', async () => {
    const { db, state } = fakeDb();
    let now = 0;
    const generations = new MongoGenerations(db, createReadProjections('Asia/Tokyo'), () => now);
    await generations.init();
    const afterInit = state.pointerReads;
    for (let i = 0; i < 50; i++) expect(await generations.of('active')).toBe(1);
    expect(await generations.all()).toEqual([1]);
    expect(state.pointerReads).toBe(afterInit);
    now += pointerCacheMs;
    await generations.of('active');
    expect(state.pointerReads).toBe(afterInit + 1);
  });

  it('switches at once after this instance swaps generations', async () => {
    const { db } = fakeDb();
    const generations = new MongoGenerations(db, createReadProjections('Asia/Tokyo'), () => 0);
    await generations.init();
    expect(await generations.of('active')).toBe(1);
    await generations.begin();
    expect(await generations.of('rebuild')).toBe(2);
    await generations.commit();
    expect(await generations.of('active')).toBe(2);
    expect(await generations.all()).toEqual([2]);
  });

  it('records a view added since the generation was built as built by this code, not stale', async () => {
    const { db, state } = fakeDb();
    const versions = { callbacks: 1, callbackStats: 1, asyncSearches: 1 }; // before the accounts view
    state.doc = { _id: 'generations', active: 3, rebuilding: null, next: 4, versions: { '3': versions } };
    const generations = new MongoGenerations(db, createReadProjections('Asia/Tokyo'), () => 0);
    await generations.init();
    const status = await generations.status();
    expect(status.activeVersions).toEqual({ ...versions, accounts: 1 });
    expect(status.stale).toBe(false);
  });

  it('still calls a generation built by an older projection version stale', async () => {
    const { db, state } = fakeDb();
    const versions = { callbacks: 0, callbackStats: 1, asyncSearches: 1, accounts: 1 };
    state.doc = { _id: 'generations', active: 1, rebuilding: null, next: 2, versions: { '1': versions } };
    const generations = new MongoGenerations(db, createReadProjections('Asia/Tokyo'), () => 0);
    await generations.init();
    expect(await generations.status()).toMatchObject({ activeVersions: versions, stale: true });
  });
});
