import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildApp } from '../support/child-app.js';
import { HttpClient } from '../support/http-client.js';
import { registration } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

describe('npm start: the all-in-one process', () => {
  let dataDir: string;
  let app: ChildApp;
  let admin: HttpClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-process-'));
    app = ChildApp.start('apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: '0' });
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/);
    const [, token] = await app.waitForOutput(/admin token.*: (oks_\S+)/);
    admin = new HttpClient(url, token);
  });

  it('says where to sign in, and serves the built screen there', async () => {
    const [, signIn] = await app.waitForOutput(/sign in to the screen at (http:\/\/\S+)/);
    const page = await fetch(signIn);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="ja">');
    const root = await fetch(new URL('/', signIn), { redirect: 'manual' });
    await root.arrayBuffer();
    expect(root.headers.get('location')).toBe('/ui/');
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers, searches and exports over HTTP, exposes metrics, and stops cleanly on SIGTERM', async () => {
    expect((await admin.get('/health')).body.status).toBe('up');
    const created = await admin.post('/callbacks', registration({ memo: undefined, callCenter: '子プロセス' }));
    expect(created.status).toBe(201);
    const searched = async () => (await admin.get(`/callbacks?callCenter=${encodeURIComponent('子プロセス')}`)).body;
    await waitFor(async () => (await searched()).total === 1, 'the projector to show the callback');
    expect((await searched()).items[0].id).toBe(created.body.id);

    const csv = await admin.get(`/callbacks.csv?callCenter=${encodeURIComponent('子プロセス')}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(created.body.id);

    const requested = await admin.post('/async-searches', {
      criteria: { callCenter: '子プロセス' },
      memo: 'child process',
    });
    expect(requested.status).toBe(201);
    await waitFor(
      async () => (await admin.get(`/async-searches/${requested.body.id}`)).body.status === 'succeeded',
      'the export',
    );
    const download = await admin.get(`/async-searches/${requested.body.id}/download`);
    expect(download.text).toBe(csv.text);

    const metrics = (await admin.get('/metrics', { token: null })).text;
    for (const name of [
      'orikaeshi_commands_total{type="RegisterCallback",outcome="appended"} 1',
      'orikaeshi_http_request_duration_seconds_bucket',
      'orikaeshi_projection_lag_milliseconds{projection="callbacks"}',
      'orikaeshi_projection_behind_head{projection="callbacks"} 0',
      'orikaeshi_export_queue_jobs{state="waiting"}',
      'orikaeshi_export_duration_seconds_count{outcome="succeeded"} 1',
    ]) {
      expect(metrics).toContain(name);
    }

    const exit = await app.stop('SIGTERM');
    expect(exit.code).toBe(0);
    const exportsDir = await readdir(path.join(dataDir, 'exports'));
    expect(exportsDir.filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});
