import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { ChildApp } from '../support/child-app.js';
import { HttpClient } from '../support/http-client.js';
import { registration } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const entries = {
  'command-api': 'apps/command-api/src/main.js',
  projector: 'apps/projector/src/main.js',
  'export-worker': 'apps/export-worker/src/main.js',
};

describe('production entry points', () => {
  const started: ChildApp[] = [];
  const dirs: string[] = [];
  const prefix = `orikaeshi-test-${randomUUID().slice(0, 8)}`;

  afterAll(async () => {
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it.each(Object.entries(entries))('%s refuses a bad configuration, naming the variables', async (_name, entry) => {
    const app = ChildApp.start(entry, {
      DATA_DIR: os.tmpdir(),
      REDIS_URL: 'http://localhost:6379',
      EVENTSTORE_URL: 'postgres://localhost',
      PORT: 'eighty',
    });
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    for (const variable of ['REDIS_URL', 'EVENTSTORE_URL', 'PORT']) expect(app.stderr).toContain(variable);
    expect(app.stderr).toContain('redis://');
  });

  it('run as three processes on Redis: a search requested at the API is exported by the worker', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-production-'));
    dirs.push(dataDir);
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ADMIN_TOKEN: `admin-${randomUUID()}`,
      LOG_LEVEL: 'info',
    };
    const api = ChildApp.start(entries['command-api'], { ...env, PORT: '0' });
    const projector = ChildApp.start(entries.projector, { ...env, METRICS_PORT: '0' });
    const worker = ChildApp.start(entries['export-worker'], env);
    started.push(api, projector, worker);
    const [, url] = await api.waitForOutput(/listening on (http:\/\/\S+?) /);
    await projector.waitForOutput(/projector started.*Bull on Redis/);
    await worker.waitForOutput(/export worker started \(Bull on Redis\)/);
    const admin = new HttpClient(url, env.ADMIN_TOKEN);
    const health = await admin.get('/health');
    expect(health.body).toMatchObject({
      status: 'up',
      dependencies: { eventStore: { status: 'up' }, readStore: { status: 'up' } },
    });

    const created = await admin.post('/callbacks', registration({ callCenter: '本番構成' }));
    expect(created.status).toBe(201);
    const found = async () => (await admin.get(`/callbacks/${created.body.id}`)).status === 200;
    await waitFor(found, 'the projector process to project the callback');

    const { body: requested } = await admin.post('/async-searches', { criteria: { callCenter: '本番構成' } });
    const search = async () => (await admin.get(`/async-searches/${requested.id}`)).body;
    await waitFor(async () => (await search()).status === 'succeeded', 'the worker process to export');
    expect((await search()).rowCount).toBe(1);
    const download = await admin.get(`/async-searches/${requested.id}/download`);
    expect(download.text).toContain(created.body.id);

    for (const app of [api, projector, worker]) expect((await app.stop('SIGTERM')).code).toBe(0);
  });
});
