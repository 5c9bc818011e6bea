import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionString } from 'mongodb-connection-string-url';
import { ChildApp } from '../support/child-app.js';
import { eventually } from '../support/eventually.js';
import { HttpClient } from '../support/http-client.js';
import { registration } from '../support/test-app.js';

/**
 * The production family as an operator runs it: the command API, the projector and the export worker as
 * three processes on EventStoreDB, a MongoDB replica set, Redis and an SMTP server (Mailpit), driven from
 * outside over HTTP only. CI's production-family job starts the servers and sets PRODUCTION_E2E=1; on a
 * machine without them the suite says plainly that it did not run.
 */
const required = ['EVENTSTORE_URL', 'MONGO_URL', 'REDIS_URL', 'SMTP_URL', 'MAILPIT_URL'] as const;
const missing = required.filter((name) => !process.env[name]);
const enabled = process.env.PRODUCTION_E2E === '1' && missing.length === 0;

const entries = {
  api: 'apps/command-api/src/main.js',
  projector: 'apps/projector/src/main.js',
  worker: 'apps/export-worker/src/main.js',
};
const dayMs = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * dayMs).toISOString();

if (!enabled) {
  const why = process.env.PRODUCTION_E2E === '1' ? `missing ${missing.join(', ')}` : 'PRODUCTION_E2E is not 1';
  process.stdout.write(`\nProduction-family e2e scenario NOT RUN (${why})\n\n`);
  describe('production family end to end', () => {
    it('is not run without the production servers (production-family e2e NOT RUN)', () => {
      expect(enabled).toBe(false);
    });
  });
} else {
  describe('production family end to end (three processes, EventStoreDB, MongoDB, Redis, Mailpit)', () => {
    const run = randomUUID().slice(0, 8);
    const callCenter = `本番シナリオ-${run}`;
    const apps: ChildApp[] = [];
    let dataDir: string;
    let env: Record<string, string>;
    let admin: HttpClient;
    let projector: ChildApp;

    const start = (entry: string, extra: Record<string, string> = {}, args: string[] = []) => {
      const app = ChildApp.start(entry, { ...env, ...extra }, args);
      apps.push(app);
      return app;
    };
    const visible = async (id: string) => (await admin.get(`/callbacks/${id}`)).status === 200;
    const listed = async () =>
      (await admin.get(`/callbacks?callCenter=${encodeURIComponent(callCenter)}&pageSize=200`)).body as {
        items: Array<{ id: string; agent: string | null; status: string; memo: string | null }>;
        total: number;
      };

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-production-family-'));
      // A database of its own per run: the read store and GridFS both follow the URL's database.
      const mongo = new ConnectionString(process.env.MONGO_URL!);
      mongo.pathname = `/orikaeshi_e2e_${run}`;
      env = {
        DATA_DIR: dataDir,
        EVENTSTORE_URL: process.env.EVENTSTORE_URL!,
        MONGO_URL: mongo.toString(),
        REDIS_URL: process.env.REDIS_URL!,
        SMTP_URL: process.env.SMTP_URL!,
        QUEUE_PREFIX: `orikaeshi-e2e-${run}`,
        ADMIN_TOKEN: `admin-${randomUUID()}`,
        LOG_LEVEL: 'info',
      };
      const api = start(entries.api, { PORT: '0' });
      projector = start(entries.projector, { METRICS_PORT: '0' });
      const worker = start(entries.worker);
      const [, url] = await api.waitForOutput(/listening on (http:\/\/\S+?) /, 60_000);
      await projector.waitForOutput(/projector started/, 60_000);
      await worker.waitForOutput(/export worker started \(Bull on Redis\)/, 60_000);
      admin = new HttpClient(url, env.ADMIN_TOKEN);
    }, 120_000);

    afterAll(async () => {
      await Promise.all(apps.map((app) => app.stop('SIGTERM')));
      await rm(dataDir, { recursive: true, force: true });
    });

    it('reports every dependency up', async () => {
      expect((await admin.get('/health')).body).toMatchObject({
        status: 'up',
        dependencies: { eventStore: { status: 'up' }, readStore: { status: 'up' } },
      });
    });

    it('registers, assigns, completes and keeps a memo; search and CSV see the result', async () => {
      const created = await admin.post('/callbacks', registration({ callCenter }));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      await eventually(() => visible(id), 'the projector to show the callback');
      expect((await admin.post(`/callbacks/${id}/assign`, { agent: '佐藤' })).status).toBe(200);
      expect((await admin.put(`/callbacks/${id}/memo`, { memo: '折り返し済み、再架電不要' })).status).toBe(200);
      expect((await admin.post(`/callbacks/${id}/complete`)).status).toBe(200);
      await eventually(async () => (await listed()).items.find((item) => item.id === id)?.status === 'complete');
      expect((await listed()).items.find((item) => item.id === id)).toMatchObject({
        agent: '佐藤',
        memo: '折り返し済み、再架電不要',
      });
      const found = await admin.get(
        `/callbacks?q=${encodeURIComponent('再架電不要')}&callCenter=${encodeURIComponent(callCenter)}`,
      );
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
      const csv = await admin.get(`/callbacks.csv?callCenter=${encodeURIComponent(callCenter)}`);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain(id);
      expect(csv.text).toContain('佐藤');
    });

    it('exports an asynchronous search in the worker and mails its owner through SMTP', async () => {
      const email = `owner-${run}@example.com`;
      const account = await admin.post('/accounts', { name: '通知 太郎', email, roles: ['supervisor'] });
      expect(account.status).toBe(201);
      const owner = admin.as(account.body.token as string);
      const { body: requested } = await owner.post('/async-searches', { criteria: { callCenter }, notify: true });
      await eventually(
        async () => (await owner.get(`/async-searches/${requested.id}`)).body.status === 'succeeded',
        'the worker to export',
        60_000,
      );
      const download = await owner.get(`/async-searches/${requested.id}/download`);
      expect(download.status).toBe(200);
      expect(download.text).toContain(callCenter.slice(0, 6));
      const mailbox = `${process.env.MAILPIT_URL}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`;
      const mails = await eventually(async () => {
        const { messages } = (await (await fetch(mailbox)).json()) as { messages: unknown[] };
        return messages.length > 0 ? messages : undefined;
      }, 'the notification mail in Mailpit');
      expect(mails).toHaveLength(1);
    });

    it('sweeps callbacks past retention for good: gone from views, refused to late commands and to re-registration', async () => {
      const oldRequest = registration({ callCenter, registeredAt: daysAgo(40), receivedAt: daysAgo(40) });
      const old = (await admin.post('/callbacks', oldRequest)).body.id as string;
      const young = (await admin.post('/callbacks', registration({ callCenter, registeredAt: daysAgo(10) }))).body
        .id as string;
      await eventually(async () => (await visible(old)) && (await visible(young)), 'both callbacks projected');
      expect((await admin.put('/settings', { retentionDays: 30 })).status).toBe(200);
      await eventually(async () => !(await visible(old)), 'the sweeper to delete the old callback', 60_000);
      expect((await admin.get(`/callbacks/${old}/history`)).status).toBe(404);
      expect((await admin.post(`/callbacks/${old}/assign`, { agent: '遅延' })).status).toBe(404);
      const again = await admin.post('/callbacks', oldRequest);
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(again.status).toBeLessThan(500);
      expect(await visible(old)).toBe(false);
      expect(await visible(young)).toBe(true);
      expect((await admin.put('/settings', { retentionDays: 3650 })).status).toBe(200);
    });

    it('survives the projector being killed: a restart with a rebuild serves everything, and live commands flow again', async () => {
      const before = (await listed()).total;
      projector.child.kill('SIGKILL');
      await projector.exited;
      // Commands keep being accepted while the projector is down; they show up once it is back.
      const whileDown = (await admin.post('/callbacks', registration({ callCenter }))).body.id as string;
      projector = start(entries.projector, { METRICS_PORT: '0' }, ['rebuild']);
      await projector.waitForOutput(/rebuild done/, 120_000);
      await eventually(() => visible(whileDown), 'the restarted projector to catch up');
      expect((await listed()).total).toBe(before + 1);
      const after = (await admin.post('/callbacks', registration({ callCenter }))).body.id as string;
      await eventually(() => visible(after), 'live projection after the rebuild');
    });
  });
}
