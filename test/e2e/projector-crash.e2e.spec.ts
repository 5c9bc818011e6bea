import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SqliteEventStore, openSqliteEventStore } from '#event-store';
import { type SqliteReadStore, createSqliteReadStore, readProjectionNames } from '#read-store';
import { systemClock } from '#runtime';
import { Projector } from '#hosts';
import { childEnvironment } from '../support/child-app.js';
import { seedCallbacks } from '../support/seed-events.js';
import { waitFor } from '../support/wait-for.js';

const projectorMain = path.resolve('dist/apps/projector/src/main.js');
const callbacks = 6_000;

describe('the projector killed in the middle of a catch-up', () => {
  let dataDir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let child: ChildProcess | null = null;

  const startProjector = () =>
    spawn(process.execPath, [projectorMain], {
      env: childEnvironment({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      stdio: 'ignore',
    });
  const exited = (proc: ChildProcess) =>
    new Promise<void>((resolve) =>
      proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve()),
    );

  beforeAll(async () => {
    if (!existsSync(projectorMain)) throw new Error(`${projectorMain} is missing: npm test builds it first (pretest)`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-crash-'));
    eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    await seedCallbacks(eventStore, callbacks);
    readStore = createSqliteReadStore({ dataDir });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await readStore?.close();
    await eventStore?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ends, after a restart, with views identical to a clean rebuild', async () => {
    const head = (await eventStore.headPosition())!;
    const checkpoints = () => Promise.all(readProjectionNames.map((name) => readStore.getCheckpoint(name)));

    child = startProjector();
    await waitFor(async () => (await checkpoints()).some((c) => c !== null && c > 0n), 'the first checkpoint');
    child.kill('SIGKILL');
    await exited(child);
    const atKill = await checkpoints();
    // Killed in the middle: some projection had not reached the head.
    expect(atKill.some((c) => c === null || c < head)).toBe(true);

    child = startProjector();
    await waitFor(
      async () => (await checkpoints()).every((c) => c !== null && c >= head),
      'the restarted projector to catch up',
      60_000,
    );
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);

    const recovered = await readStore.digest();
    const search = await readStore.search({ criteria: {}, page: 1, pageSize: 1, cap: 1_000_000 });
    expect(search.total).toBe(callbacks);

    await new Projector(eventStore, readStore.ports, systemClock).rebuild();
    expect(await readStore.digest()).toBe(recovered);
  });
});
