import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import {
  Metrics,
  serveOperations,
  isDurableQueue,
  jsonLogger,
  loadConfigOrExit,
  openBlobStore,
  openEventStore,
  openExportQueue,
  openMailNotifier,
  openReadStore,
  systemClock,
} from '#runtime';
import { AsyncSearchDispatcher } from '../projector/dispatch/async-search-dispatcher.js';
import { MemoryDispatchCheckpoint } from '../projector/dispatch/dispatch-checkpoint.js';
import { startExportWorker } from './start-export-worker.js';

/**
 * The export worker as its own process. Production family: jobs come from Bull on Redis, fed by the
 * projector's dispatch reactor. Embedded family: the in-process queue cannot cross processes, so this
 * process runs its own dispatch reactor (no durable checkpoint: it re-reads the event store on start).
 */
export async function bootExportWorker(): Promise<void> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  await mkdir(config.dataDir, { recursive: true });
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  const blobs = await openBlobStore(config);
  const mailer = await openMailNotifier(config);
  const queue = openExportQueue(config);
  const metrics = new Metrics();
  metrics.watchQueue(queue);
  const running = startExportWorker({
    config,
    eventStore,
    readStore,
    blobStore: blobs.blobStore,
    queue,
    clock: systemClock,
    mailer,
    metrics,
  });
  const dispatcher = isDurableQueue(config)
    ? null
    : new AsyncSearchDispatcher(eventStore, queue, new MemoryDispatchCheckpoint());
  await dispatcher?.start();
  const operations = await serveOperations(config.metricsPort, metrics, async () => void (await queue.depth()));
  const logger = new Logger('export-worker');
  logger.log(`export worker started (${isDurableQueue(config) ? 'Bull on Redis' : 'embedded, in-process queue'})`);

  const shutdown = async () => {
    await dispatcher?.stop();
    await running.close();
    await operations?.close();
    mailer.close();
    await Promise.all([blobs.close(), readStore.close(), eventStore.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
