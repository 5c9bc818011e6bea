import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamNames } from '#domain';
import { openSqliteEventStore } from '#event-store';
import { ChildApp } from '../support/child-app.js';
import { HttpClient } from '../support/http-client.js';
import { seedCallbacks } from '../support/seed-events.js';
import { waitFor } from '../support/wait-for.js';

const rows = 30_000;

describe('SIGTERM during a running export', () => {
  let dataDir: string;
  let app: ChildApp | null = null;

  const start = async () => {
    app = ChildApp.start('apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: '0' });
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/);
    const [, token] = await app.waitForOutput(/admin token.*: (oks_\S+)/);
    return new HttpClient(url, token);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-sigterm-'));
    const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    await seedCallbacks(eventStore, rows, () => 'export center');
    await eventStore.close();
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no half-written file, and the search completes with every row', async () => {
    let admin = await start();
    const total = async () => (await admin.get('/callbacks?pageSize=1')).body.total;
    await admin.put('/settings', { searchCap: 1_000_000 });
    await waitFor(async () => (await total()) === rows, 'the projector to catch up', 60_000);

    const { body: requested } = await admin.post('/async-searches', { criteria: { callCenter: 'export center' } });
    const status = async () => (await admin.get(`/async-searches/${requested.id}`)).body.status;
    await waitFor(async () => (await status()) === 'processing', 'the export to start');
    const exit = await app!.stop('SIGTERM');
    expect(exit.code).toBe(0);

    // Nothing half-written: no temporary file, and a finished file only together with its `succeeded` event.
    const files = await readdir(path.join(dataDir, 'exports'));
    expect(files.filter((name) => name.startsWith('.tmp'))).toEqual([]);
    const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const history = (await eventStore.readStream(streamNames.asyncSearch(requested.id))).map((e) => e.type);
    await eventStore.close();
    const csvFiles = files.filter((name) => !name.endsWith('.meta.json'));
    expect(csvFiles).toHaveLength(history.includes('AsyncSearchSucceeded') ? 1 : 0);

    admin = await start();
    await waitFor(async () => (await status()) === 'succeeded', 'the export after the restart', 60_000);
    const search = (await admin.get(`/async-searches/${requested.id}`)).body;
    expect(search.rowCount).toBe(rows);
    const download = await admin.get(`/async-searches/${requested.id}/download`);
    expect(download.text.trim().split('\r\n')).toHaveLength(rows + 1);
  });
});
