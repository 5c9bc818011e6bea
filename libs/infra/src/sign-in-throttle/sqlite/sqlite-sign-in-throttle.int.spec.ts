import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSignInThrottleContract } from '../sign-in-throttle.contract.js';
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
});
