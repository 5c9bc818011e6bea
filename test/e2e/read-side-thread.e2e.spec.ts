import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildApp } from '../support/child-app.js';
import { eventually } from '../support/eventually.js';
import { HttpClient } from '../support/http-client.js';
import { SseReader } from '../support/sse-client.js';
import { registration } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface ProjectionHealth {
  name: string;
  lagMs: number;
  behindHead: string;
  eventsHandled: number;
}

// `npm start` runs the projector and the export worker in a thread of their own: an operator still sees
// them in the one process's /health and /metrics.
describe('npm start: the read side in its own thread', () => {
  let dataDir: string;
  let app: ChildApp;
  let admin: HttpClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-read-side-'));
    app = ChildApp.start('apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: '0' });
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/);
    const [, token] = await app.waitForOutput(/admin token.*: (oks_\S+)/);
    admin = new HttpClient(url, token);
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it("shows the projector's progress per projection in /health, and follows new events", async () => {
    const projections = async () => {
      const health = (await admin.get('/health', { token: null })).body;
      expect(health.status).toBe('up');
      expect(health.dependencies.queue.status).toBe('up');
      expect(health.dependencies.projector.status).toBe('up');
      return health.dependencies.projector.projections as ProjectionHealth[];
    };
    const before = await projections();
    expect(before.map((projection) => projection.name).sort()).toEqual([
      'accounts',
      'asyncSearches',
      'callbackStats',
      'callbacks',
    ]);
    const handledBefore = before.find((projection) => projection.name === 'callbacks')!.eventsHandled;

    expect((await admin.post('/callbacks', registration({ callCenter: 'スレッド' }))).status).toBe(201);
    await waitFor(async () => {
      const callbacks = (await projections()).find((projection) => projection.name === 'callbacks')!;
      return callbacks.eventsHandled > handledBefore && callbacks.behindHead === '0';
    }, 'the projector to report the new event handled');
    const callbacks = (await projections()).find((projection) => projection.name === 'callbacks')!;
    expect(typeof callbacks.lagMs).toBe('number');
    expect((await admin.get(`/callbacks?callCenter=${encodeURIComponent('スレッド')}`)).body.total).toBe(1);

    const metrics = (await admin.get('/metrics', { token: null })).text;
    expect(metrics).toContain('orikaeshi_projection_behind_head{projection="callbacks"} 0');
    expect(metrics).toMatch(/orikaeshi_process_resident_memory_bytes \d+/);
  });

  it('streams live changes (GET /events) the read-side thread writes to the feed', async () => {
    const stream = await SseReader.open(`${admin.baseUrl}/events`, { authorization: `Bearer ${admin.token}` });
    try {
      expect(stream.status).toBe(200);
      const created = await admin.post('/callbacks', registration({ callCenter: 'ライブ' }));
      expect(created.status).toBe(201);
      const changed = await eventually(
        () => stream.of('callback.changed').find((event) => event.data.id === created.body.id),
        'callback.changed for the new callback',
      );
      expect(changed.data).toMatchObject({ id: created.body.id, version: 0 });
    } finally {
      stream.close();
    }
  });

  it('copies the commands written to the event log into the event store file in the background', async () => {
    // The API's connection leaves its log to the checkpoint thread until 64 MiB (16,384 pages): a
    // hundred registrations (a few hundred pages) reach the database file only through that thread.
    const eventsFile = path.join(dataDir, 'events.sqlite');
    const before = statSync(eventsFile).size;
    for (let i = 0; i < 100; i++) {
      expect((await admin.post('/callbacks', registration({ callCenter: 'チェックポイント' }))).status).toBe(201);
    }
    await waitFor(() => statSync(eventsFile).size > before, 'the event store file to hold the new events');
    expect(statSync(`${eventsFile}-wal`).size).toBeLessThan(64 * 1024 * 1024);
  });
});
