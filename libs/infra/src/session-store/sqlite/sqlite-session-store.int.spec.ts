import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSessionStoreContract } from '../session-store.contract.js';
import { SqliteSessionStore } from './sqlite-session-store.js';

const dir = mkdtempSync(join(tmpdir(), 'orikaeshi-sessions-'));
let fileNumber = 0;
const nextFile = () => join(dir, `sessions-${(fileNumber += 1)}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dumpFile(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return JSON.stringify(db.prepare('SELECT * FROM sessions').all());
  } finally {
    db.close();
  }
}

describeSessionStoreContract('SQLite', async (policy) => {
  const path = nextFile();
  return { store: SqliteSessionStore.open(path, policy), dump: async () => dumpFile(path) };
});

describe('SqliteSessionStore', () => {
  it('keeps sessions across a restart of the process (closing and reopening its file)', async () => {
    const path = nextFile();
    const now = new Date('2026-04-01T09:00:00.000Z');
    const before = SqliteSessionStore.open(path);
    const { sessionId } = await before.open('acc-1', now);
    await before.close();

    const after = SqliteSessionStore.open(path);
    expect(await after.resolve(sessionId, new Date(now.getTime() + 60_000))).toEqual({
      accountId: 'acc-1',
      createdAt: now,
    });
    await after.close();
  });

  it('sweeps ended sessions at the next sign-in so the file does not grow forever', async () => {
    const path = nextFile();
    const store = SqliteSessionStore.open(path);
    const now = new Date('2026-04-01T09:00:00.000Z');
    await store.open('acc-1', now);
    await store.open('acc-2', now);
    await store.open('acc-3', new Date(now.getTime() + 9 * 60 * 60 * 1000));
    expect(JSON.parse(dumpFile(path))).toHaveLength(1);
    await store.close();
  });
});
