import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSignInThrottleContract } from '../sign-in-throttle.contract.js';
import { openSqliteFile } from '../../shared/sqlite-file.js';
import { SqliteSessionStore } from '../../session-store/sqlite/sqlite-session-store.js';
import { SqliteSignInThrottle } from './sqlite-sign-in-throttle.js';

const dir = mkdtempSync(join(tmpdir(), 'orikaeshi-throttle-'));
let fileNumber = 0;
const nextFile = () => join(dir, `sessions-${(fileNumber += 1)}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeSignInThrottleContract('SQLite', async (policy) => SqliteSignInThrottle.open(nextFile(), policy));

describe('SqliteSignInThrottle', () => {
  it('remembers failures across a restart', async () => {
    const path = nextFile();
    const now = new Date('2026-04-01T09:00:00.000Z');
    const before = SqliteSignInThrottle.open(path);
    for (let i = 0; i < 5; i += 1) await before.recordFailure('sato', now);
    await before.close();
    const after = SqliteSignInThrottle.open(path);
    expect(await after.check('sato', now)).toMatchObject({ allowed: false });
    await after.close();
  });

  it('shares the sessions file with the session store; closing either leaves the other working', async () => {
    const db = openSqliteFile(nextFile());
    const sessions = new SqliteSessionStore(db);
    const throttle = new SqliteSignInThrottle(db);
    const now = new Date('2026-04-01T09:00:00.000Z');
    const { sessionId } = await sessions.open('acc-1', now);
    await sessions.close();
    await throttle.recordFailure('sato', now);
    expect(await throttle.check('sato', now)).toEqual({ allowed: true });
    await throttle.close();
    expect(await sessions.resolve(sessionId, now)).toMatchObject({ accountId: 'acc-1' });
    db.close();
  });
});
