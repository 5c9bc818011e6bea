import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { RecordedEvents } from '../recorded-events.fixture.js';
import { readStoreContract } from '../read-store.contract.js';
import type { ReadStoreAdapter } from '../read-ports.js';
import { createSqliteReadStore } from './sqlite-read-store.js';

const dirs = new Map<ReadStoreAdapter, string>();

readStoreContract('SQLite', {
  async open() {
    const dataDir = mkdtempSync(join(tmpdir(), 'orikaeshi-read-store-'));
    const store = createSqliteReadStore({ dataDir });
    dirs.set(store, dataDir);
    return store;
  },
  async dispose(store) {
    await store.close();
    rmSync(dirs.get(store)!, { recursive: true, force: true });
    dirs.delete(store);
  },
});

describe('SQLite read store specifics', () => {
  it('runs in memory and keeps WAL on files', async () => {
    const store = createSqliteReadStore({ filename: ':memory:' });
    expect((await store.ports.projectionStore.rebuildStatus()).activeGeneration).toBe(1);
    await store.close();
  });

  it('gives a store written before the accounts view an empty accounts table, current and filled from the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orikaeshi-read-store-'));
    try {
      await createSqliteReadStore({ dataDir }).close();
      // As an older version left it: no accounts table, no version recorded for the view.
      const raw = new Database(join(dataDir, 'read-store.sqlite'));
      raw.exec('DROP TABLE accounts_g1');
      raw
        .prepare("UPDATE meta SET value = ? WHERE key = 'versions_g1'")
        .run(JSON.stringify({ callbacks: 1, callbackStats: 1, asyncSearches: 1 }));
      raw.close();

      const store = createSqliteReadStore({ dataDir });
      expect(await store.ports.projectionStore.rebuildStatus()).toMatchObject({ stale: false });
      expect(await store.ports.projectionStore.getCheckpoint('accounts')).toBeNull(); // follows the log from its start
      const created = new RecordedEvents().account('u1', {
        type: 'AccountCreated',
        data: { accountId: 'u1', name: 'Sato', email: null, roles: ['agent'], createdAt: '2024-05-01T00:00:00Z' },
      });
      await store.ports.projectionStore.applyEvents('accounts', [created], { checkpoint: 10n });
      expect((await store.ports.accountList.listAccounts()).map((row) => row.name)).toEqual(['Sato']);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
