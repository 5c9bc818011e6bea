import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { FakeMongoDriver } from '../../../../../test/support/fake-mongo-driver.js';

/**
 * `GET /events` with `MONGO_URL`: the command API built as production builds it, on a fake `mongodb`
 * driver (no server), gets its live event hub from the MongoDB read store's feed instead of none (503).
 */
const driver = new FakeMongoDriver();
jest.unstable_mockModule('mongodb', () => driver.module());

const { openSqliteEventStore } = await import('#event-store');
const { LIVE_CHANGES_FEED } = await import('#infra');
const { MongoLiveChangesFeed } = await import('#infra/mongo');
const { generateToken, loadConfig } = await import('#runtime');
const { createCommandApi } = await import('../create-command-api.js');
const { issueAdminToken } = await import('../issue-admin-token.js');

describe('live events wiring with MONGO_URL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('opens GET /events on the MongoDB live changes feed instead of answering 503', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-live-wiring-'));
    dirs.push(dataDir);
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      MONGO_URL: 'mongodb://mongo-a:27017/orikaeshi?replicaSet=rs0',
    });
    const eventStore = openSqliteEventStore(path.join(dataDir, 'events.sqlite'));
    const app = await createCommandApi({ config, eventStore });
    const token = generateToken();
    await issueAdminToken(app, token);
    await app.listen(0, '127.0.0.1');
    const abort = new AbortController();
    try {
      expect(app.get(LIVE_CHANGES_FEED, { strict: false })).toBeInstanceOf(MongoLiveChangesFeed);
      const response = await fetch(`${await app.getUrl()}/events`.replace('[::1]', '127.0.0.1'), {
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
    } finally {
      abort.abort();
      await app.close();
      await eventStore.close();
    }
  });
});
