import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { EventStore } from '#event-store';
import { loadConfig, openEventStore } from '#runtime';
import { issueAdminToken, startAllInOne } from '#hosts';
import { callbackEvents, seedCallback } from '../support/callback-data.js';
import { dayMs } from '../support/read-store-seed.js';
import { NoopCallbackCommandsController } from './noop-commands.controller.js';
import type { BenchServerOptions, FromServer, LagSummary, SweepReport, ToServer } from './protocol.js';

/**
 * The all-in-one process for the HTTP benchmarks, as `npm start` runs it (startAllInOne: the command API in
 * this thread, the projector, sweeper and export worker in the read-side thread), plus the no-op routes of
 * the baseline, on a temp data dir. Driven over IPC by the bench process (which is the load generator).
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
  const family = `${config.eventStoreUrl ? 'EventStoreDB' : 'SQLite'} events, ${config.mongoUrl ? 'MongoDB' : 'SQLite'} views`;
  const eventStore = await openEventStore(config);
  const seedMs = await seed(eventStore);
  await eventStore.close();

  // As `npm start` runs: the API here, the projector and the sweeper in the read-side thread (with the lag probe).
  const catchUpStarted = performance.now();
  const { app, readSide } = await startAllInOne({
    config,
    controllers: [NoopCallbackCommandsController],
    readSideEntry: new URL('./read-side-bench-thread.js', import.meta.url),
  });
  readSide.onNotice('sweep', (report) => send({ type: 'sweep', report: report as SweepReport }));
  await readSide.waitUntilCaughtUp(30 * 60 * 1000);
  const catchUpMs = performance.now() - catchUpStarted;
  await issueAdminToken(app, options.adminToken);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');

  let lagStarted: Promise<unknown> = Promise.resolve();
  process.on('message', (message: ToServer) => {
    void (async () => {
      if (message.type === 'lag-start') {
        lagStarted = readSide.call('lagStart');
        await lagStarted;
      } else if (message.type === 'lag-stop') {
        // The probe must have started in the thread before it is read, however busy the thread was.
        await lagStarted;
        send({ type: 'lag', summary: await readSide.call<LagSummary>('lagStop') });
      } else if (message.type === 'stop') {
        await app.close();
        process.exit(0);
      }
    })().catch((error: unknown) => {
      // Said here too: the bench process only listens for errors while the server starts.
      process.stderr.write(`bench server: ${message.type} failed: ${String(error)}\n`);
      send({ type: 'error', message: String(error) });
    });
  });
  send({ type: 'ready', url, seedMs, catchUpMs, family });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
