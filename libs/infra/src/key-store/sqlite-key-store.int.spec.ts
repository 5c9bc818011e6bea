import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { keyStoreContract } from './key-store.contract.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';

keyStoreContract('SQLite', async () => openSqliteKeyStore(':memory:'));

describe('SQLite key store file', () => {
  it('holds no byte of a shredded key, in the file or its WAL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
    const store = openSqliteKeyStore(path.join(dir, 'keys.sqlite'));
    const wrapped = Buffer.from('a-wrapped-key-that-must-disappear-0123456789');
    await store.createIfAbsent('callback-1', wrapped);
    await store.shred(['callback-1']);
    await store.close();
    for (const file of readdirSync(dir)) {
      expect(readFileSync(path.join(dir, file)).includes(wrapped)).toBe(false);
    }
  });
});
