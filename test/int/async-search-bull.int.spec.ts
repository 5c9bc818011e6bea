import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { BlobStore } from '#infra';
import { BullExportQueue, type BullExportQueueConfig } from '#infra/redis';
import { systemClock } from '#runtime';
import { startExportWorker } from '#hosts';
import { eventually } from '../support/eventually.js';
import { startTestApp } from '../support/test-app.js';
import { TcpProxy } from './tcp-proxy.js';

// Redis is real on our machines; every key of this run is under its own prefix and removed afterwards.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new URL(redisUrl);
const prefix = `orikaeshi-test-async-${randomUUID()}`;
const quiet = { onError: () => undefined };

function bull(overrides: Partial<BullExportQueueConfig> & { queueName: string }) {
  return BullExportQueue.connect({ redisUrl, prefix, backoffMs: 50, ...quiet, ...overrides });
}

const proxyToRedis = () => new TcpProxy(redis.hostname || '127.0.0.1', Number(redis.port || 6379));

afterAll(async () => {
  const client = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await client.quit();
});

describe('asynchronous search on Bull and Redis', () => {
  it('accepts a request while Redis is unreachable, keeps it pending, and completes it once Redis is back', async () => {
    const proxy = proxyToRedis();
    const port = await proxy.reservePort();
    const queueName = `down-${randomUUID()}`;
    const dispatchQueue = bull({ redisUrl: `redis://127.0.0.1:${port}`, queueName, enqueueTimeoutMs: 1_000 });
    let enqueueAttempts = 0;
    const enqueue = dispatchQueue.enqueue.bind(dispatchQueue);
    dispatchQueue.enqueue = (jobId, payload) => ((enqueueAttempts += 1), enqueue(jobId, payload));
    const t = await startTestApp({ dispatchQueue, workerQueue: bull({ queueName }) });
    try {
      const created = await t.admin.post('/async-searches', { criteria: {} });
      expect(created.status).toBe(201);
      await eventually(() => enqueueAttempts >= 3, 'three refused enqueue attempts');
      await t.caughtUp();
      expect((await t.admin.get(`/async-searches/${created.body.id}`)).body.status).toBe('pending');

      await proxy.open(port);
      const done = await eventually(async () => {
        const search = (await t.admin.get(`/async-searches/${created.body.id}`)).body;
        return search.status === 'succeeded' ? search : undefined;
      }, 'succeeded after Redis came back');
      expect(done.rowCount).toBe(0);
      expect(t.dispatcher.dispatched).toBe(1);
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  it('restarts the job of a worker killed mid-job: the search does not stay processing', async () => {
    const queueName = `killed-${randomUUID()}`;
    const lockSettings = { queueName, lockDurationMs: 1_000, stalledIntervalMs: 300 };
    const t = await startTestApp({ dispatchQueue: bull(lockSettings), exportWorker: false });
    // The first worker reaches Redis through a proxy; it hangs while writing the file, then is cut off.
    const proxy = proxyToRedis();
    await proxy.open();
    const doomedQueue = bull({ ...lockSettings, redisUrl: `redis://127.0.0.1:${proxy.port}` });
    let releaseHung: (error: Error) => void = () => undefined;
    const hangingBlobs: BlobStore = {
      ...t.blobStore,
      put: () => new Promise((_resolve, reject) => (releaseHung = reject)),
      get: (id) => t.blobStore.get(id),
      stat: (id) => t.blobStore.stat(id),
      delete: (id) => t.blobStore.delete(id),
    };
    const runtime = {
      config: { displayTimeZone: 'Asia/Tokyo' },
      eventStore: t.eventStore,
      readStore: t.readStore.ports.callbackSearch,
    };
    startExportWorker({ ...runtime, blobStore: hangingBlobs, queue: doomedQueue, clock: systemClock, mailer: null });
    let survivor: ReturnType<typeof startExportWorker> | null = null;
    try {
      const { body } = await t.admin.post('/async-searches', { criteria: {} });
      const status = async () => (await t.admin.get(`/async-searches/${body.id}`)).body.status;
      await eventually(async () => (await status()) === 'processing', 'processing by the first worker');

      await proxy.close(); // the worker is gone: its lock on the job is no longer renewed
      survivor = startExportWorker({
        ...runtime,
        blobStore: t.blobStore,
        queue: bull(lockSettings),
        clock: systemClock,
        mailer: null,
      });
      await eventually(async () => (await status()) === 'succeeded', 'succeeded by the second worker');
      const starts = (await t.eventStore.readStream(`asyncsearch-${body.id}`))
        .filter((event) => event.type === 'AsyncSearchStarted')
        .map((event) => (event.data as { attempt: number }).attempt);
      expect(starts).toEqual([1, 2]);
    } finally {
      // Let the cut-off worker reach Redis again only to be shut down: its late failure is refused (lock lost).
      await proxy.open();
      releaseHung(new Error('worker killed'));
      await doomedQueue.close();
      await proxy.close();
      await survivor?.close();
      await t.close();
    }
  });
});
