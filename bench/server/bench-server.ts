import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '#event-store';
import type { ProjectionStore } from '#read-store';
import { loadConfig, openEventStore, openReadStore, systemClock } from '#runtime';
import { issueAdminToken } from '#hosts';
import { createCommandApi } from '#hosts';
import { Projector } from '#hosts';
import { percentile } from '../support/report.js';
import { callbackEvents, seedCallback } from '../support/callback-data.js';
import { dayMs } from '../support/read-store-seed.js';
import { NoopCallbackCommandsController } from './noop-commands.controller.js';
import type { BenchServerOptions, FromServer, LagSummary, ToServer } from './protocol.js';

/**
 * The all-in-one process for the HTTP benchmarks: command API + projector in one event loop, as `npm start`
 * runs them, on a temp data dir. Driven over IPC by the bench process (which is the load generator).
 */
const options = JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as BenchServerOptions;
const send = (message: FromServer) => process.send?.(message);
Logger.overrideLogger(false);

async function seed(eventStore: EventStore): Promise<number> {
  const started = performance.now();
  const now = Date.now();
  const groups: { prefix: string; count: number; from: number; to: number }[] = [
    { prefix: 'expired', count: options.expiredCallbacks, from: now - 41 * dayMs, to: now - 40 * dayMs },
    { prefix: 'live', count: options.liveCallbacks, from: now - 60 * 60 * 1000, to: now - 60 * 1000 },
  ];
  for (const group of groups) {
    for (let i = 0; i < group.count; i++) {
      const callback = seedCallback(i, group.count, group.from, group.to, group.prefix);
      // Registration only: the commands of the benchmark do the assigning and completing.
      const [registered] = callbackEvents(callback);
      await eventStore.appendToStream(`callback-${callback.callbackId}`, [registered], {
        expectedRevision: 'no_stream',
      });
    }
  }
  return performance.now() - started;
}

/** Wraps the projection store so every event's store→view delay is measured where the projector applies it. */
function measuringProjectionStore(projectionStore: ProjectionStore) {
  const lags = new Map<string, number[]>();
  let recording = false;
  const proxy = new Proxy(projectionStore, {
    get(target, property, receiver) {
      if (property === 'applyEvents') {
        return async (name: string, events: readonly RecordedEvent[], applyOptions?: { target?: string }) => {
          const result = await target.applyEvents(name as never, events, applyOptions as never);
          if (recording && (applyOptions?.target ?? 'active') === 'active') {
            const now = Date.now();
            let samples = lags.get(name);
            if (!samples) lags.set(name, (samples = []));
            for (const event of events) samples.push(now - event.recordedAt.getTime());
          }
          return result;
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    projectionStore: proxy,
    start() {
      lags.clear();
      recording = true;
    },
    stop() {
      recording = false;
      return lags;
    },
  };
}

async function main() {
  const env: Record<string, string> = {
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_TOKEN: options.adminToken,
  };
  if (options.productionFamily) {
    for (const key of ['EVENTSTORE_URL', 'MONGO_URL'] as const) if (process.env[key]) env[key] = process.env[key];
  }
  const config = loadConfig(env);
  const eventStore = await openEventStore(config);
  const rawReadStore = await openReadStore(config);
  const family = `${config.eventStoreUrl ? 'EventStoreDB' : 'SQLite'} events, ${config.mongoUrl ? 'MongoDB' : 'SQLite'} views`;
  const seedMs = await seed(eventStore);

  const measuring = measuringProjectionStore(rawReadStore.ports.projectionStore);
  const projector = new Projector(
    eventStore,
    { ...rawReadStore.ports, projectionStore: measuring.projectionStore, liveChanges: rawReadStore.liveChanges },
    systemClock,
  );
  const sweep = projector.sweeper.sweep.bind(projector.sweeper);
  projector.sweeper.sweep = async () => {
    const startedAt = Date.now();
    const deleted = await sweep();
    if (deleted > 0) send({ type: 'sweep', report: { deleted, startedAt, finishedAt: Date.now() } });
    return deleted;
  };
  const catchUpStarted = performance.now();
  await projector.start();
  await projector.waitUntilCaughtUp(30 * 60 * 1000);
  const catchUpMs = performance.now() - catchUpStarted;

  const app = await createCommandApi({
    config,
    eventStore,
    readStore: rawReadStore,
    clock: systemClock,
    controllers: [NoopCallbackCommandsController],
  });
  await issueAdminToken(app, options.adminToken);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');

  let statusTimer: NodeJS.Timeout | null = null;
  let statusLags: number[] = [];
  let maxBehindHead = 0n;
  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'lag-start') {
        measuring.start();
        statusLags = [];
        maxBehindHead = 0n;
        statusTimer = setInterval(() => {
          void projector.status().then((status) => {
            for (const runner of status) {
              statusLags.push(runner.lagMs);
              if (BigInt(runner.behindHead) > maxBehindHead) maxBehindHead = BigInt(runner.behindHead);
            }
          });
        }, 20);
      } else if (message.type === 'lag-stop') {
        if (statusTimer) clearInterval(statusTimer);
        await projector.waitUntilCaughtUp(120_000);
        const lags = measuring.stop();
        const all = [...lags.values()].flat();
        const summary: LagSummary = {
          events: all.length,
          p50: percentile(all, 50),
          p99: percentile(all, 99),
          max: all.reduce((m, v) => Math.max(m, v), 0),
          byProjection: Object.fromEntries(
            [...lags].map(([name, samples]) => [
              name,
              {
                events: samples.length,
                p50: percentile(samples, 50),
                p99: percentile(samples, 99),
                max: samples.reduce((m, v) => Math.max(m, v), 0),
              },
            ]),
          ),
          maxBehindHead: String(maxBehindHead),
          statusLagP99: percentile(statusLags, 99),
        };
        send({ type: 'lag', summary });
      } else if (message.type === 'stop') {
        await app.close();
        await projector.stop();
        await rawReadStore.close();
        await eventStore.close();
        process.exit(0);
      }
    })().catch((error: unknown) => send({ type: 'error', message: String(error) }));
  });
  send({ type: 'ready', url, seedMs, catchUpMs, family });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
