import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readStoreContract } from '../read-store.contract.js';
import type { ReadStore } from '../read-store.port.js';
import { createSqliteReadStore } from './sqlite-read-store.js';

const dirs = new Map<ReadStore, string>();

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
    expect((await store.rebuildStatus()).activeGeneration).toBe(1);
    await store.close();
  });
});
