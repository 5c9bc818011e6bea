import 'reflect-metadata';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fork } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { describeExportQueueContract, eventually } from '../export-queue.contract.js';
import { ExportQueueModule } from '../export-queue.module.js';
import { EXPORT_QUEUE, QueueUnavailableError, type ExportQueue } from '../export-queue.port.js';
import { InProcessExportQueue } from '../in-process/in-process-export-queue.js';
import { BullExportQueue } from './bull-export-queue.js';

// Redis is real on our machines: this suite always runs against it, under a prefix of its own.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `orikaeshi-test-${randomUUID()}`;
let queueNumber = 0;
const nextQueueName = () => `export-${(queueNumber += 1)}`;

afterAll(async () => {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

describeExportQueueContract('Bull on Redis', async (options) =>
  BullExportQueue.connect({ ...options, redisUrl, prefix, queueName: nextQueueName() }),
);

describe('BullExportQueue', () => {
  it('picks up a job again when the worker running it was killed mid-job', async () => {
    const queueName = nextQueueName();
    const worker = fork(fileURLToPath(new URL('./stalled-worker.fixture.mjs', import.meta.url)), [
      redisUrl,
      prefix,
      queueName,
    ]);
    const started = new Promise<{ started: string; attempt: number }>((resolve) =>
      worker.on('message', (message: { started?: string; attempt: number }) => {
        if (message.started) resolve(message as { started: string; attempt: number });
      }),
    );
    const queue = BullExportQueue.connect<{ n: number }>({
      redisUrl,
      prefix,
      queueName,
      lockDurationMs: 1_000,
      stalledIntervalMs: 300,
    });
    try {
      await queue.enqueue('stalls', { n: 7 });
      expect(await started).toEqual({ started: 'stalls', attempt: 1 });
      worker.kill('SIGKILL');

      const rerun: unknown[] = [];
      queue.process(async (job) => void rerun.push(job));
      await eventually(() => rerun.length === 1, 15_000);
      // A stall is not a failed attempt: the job restarts as attempt 1 with its payload.
      expect(rerun[0]).toEqual({ jobId: 'stalls', payload: { n: 7 }, attempt: 1, attempts: 3 });
    } finally {
      worker.kill('SIGKILL');
      await queue.close();
    }
  });

  it('rejects enqueue at once when Redis is unreachable, so the job stays pending', async () => {
    const errors: Error[] = [];
    // Port 1: nothing listens, the connection is refused.
    const queue = BullExportQueue.connect({ redisUrl: 'redis://127.0.0.1:1', prefix, onError: (e) => errors.push(e) });
    try {
      const startedAt = Date.now();
      await expect(queue.enqueue('offline', { asyncSearchId: 'a' })).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(errors.length).toBeGreaterThan(0); // reported through onError, not crashing the process
    } finally {
      await queue.close();
    }
  });

  it('gives up after enqueueTimeoutMs when Redis neither answers nor refuses', async () => {
    // A server that accepts connections and never says a word: a hung Redis or a black-holed route.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const queue = BullExportQueue.connect({ redisUrl: `redis://127.0.0.1:${port}`, prefix, enqueueTimeoutMs: 300 });
    try {
      await expect(queue.enqueue('unanswered', { asyncSearchId: 'a' })).rejects.toThrow('did not answer within 300 ms');
    } finally {
      // close() would wait on the commands the silent server never answers: drop the connections.
      for (const client of queue.queue.clients) client.disconnect();
      await queue.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('ExportQueueModule', () => {
  async function portFrom(config: Parameters<typeof ExportQueueModule.forRoot>[0]) {
    const moduleRef = await Test.createTestingModule({ imports: [ExportQueueModule.forRoot(config)] }).compile();
    await moduleRef.init();
    return { queue: moduleRef.get<ExportQueue<{ n: number }>>(EXPORT_QUEUE), moduleRef };
  }

  it('provides Bull on Redis when REDIS_URL is set, working end to end', async () => {
    const { queue, moduleRef } = await portFrom({ redisUrl, prefix, queueName: nextQueueName() });
    try {
      expect(queue).toBeInstanceOf(BullExportQueue);
      const ran: number[] = [];
      queue.process(async (job) => void ran.push(job.payload.n));
      await queue.enqueue('via-nest', { n: 42 });
      await eventually(() => ran.length === 1);
      expect(ran).toEqual([42]);
    } finally {
      await moduleRef.close();
    }
  });

  it('provides the in-process queue when REDIS_URL is absent', async () => {
    const { queue, moduleRef } = await portFrom({});
    expect(queue).toBeInstanceOf(InProcessExportQueue);
    await moduleRef.close();
  });
});
