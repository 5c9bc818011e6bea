import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildApp } from '../support/child-app.js';

/**
 * CI runs the whole suite with EVENTSTORE_URL and MONGO_URL set (so the contract suites really run); the
 * embedded e2e children must still start on SQLite. They get an explicit environment, never the parent's.
 */
describe('embedded e2e children', () => {
  const production = { EVENTSTORE_URL: 'esdb://ci-eventstore:2113?tls=false', MONGO_URL: 'mongodb://ci-mongo/x' };
  const saved: Record<string, string | undefined> = {};
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-child-env-'));
    for (const [name, value] of Object.entries(production)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('do not inherit EVENTSTORE_URL or MONGO_URL from the test process', async () => {
    const script = path.join(dir, 'print-env.mjs');
    await writeFile(script, 'process.stdout.write(JSON.stringify(process.env));\n');
    const child = ChildApp.start(script, { DATA_DIR: dir });
    expect((await child.exited).code).toBe(0);
    const seen = JSON.parse(child.stdout) as Record<string, string>;
    expect(seen.DATA_DIR).toBe(dir);
    expect(seen).not.toHaveProperty('EVENTSTORE_URL');
    expect(seen).not.toHaveProperty('MONGO_URL');
  });

  it('are never spawned with the parent environment by any e2e test', async () => {
    const e2e = path.resolve('test/e2e');
    const offenders: string[] = [];
    for (const file of await readdir(e2e)) {
      if (/\.\.\.\s*process\.env\b/.test(await readFile(path.join(e2e, file), 'utf8'))) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
