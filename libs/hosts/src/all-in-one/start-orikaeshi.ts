import { mkdir } from 'node:fs/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '#event-store';
import type { Upcaster } from '#kernel';
import type { BlobStore, ExportQueue } from '#infra';
import type { ReadStore } from '#read-store';
import {
  type AppConfig,
  type Clock,
  Metrics,
  isDurableQueue,
  openBlobStore,
  openEventStore,
  openExportQueue,
  openMailNotifier,
  openReadStore,
  systemClock,
} from '#runtime';
import { createCommandApi } from '../command-api/create-command-api.js';
import { dependencyChecks } from '../command-api/operations/health-checks.js';
import { type RunningExportWorker, startExportWorker } from '../export-worker/start-export-worker.js';
import type { AsyncSearchMailer } from '#application';
import { AsyncSearchDispatcher } from '../projector/dispatch/async-search-dispatcher.js';
import { FileDispatchCheckpoint, MemoryDispatchCheckpoint } from '../projector/dispatch/dispatch-checkpoint.js';
import { Projector } from '../projector/projector.js';

export interface OrikaeshiOptions {
  config: AppConfig;
  clock?: Clock;
  /** Default true; false leaves the projector built but not started (tests that drive it themselves). */
  projector?: boolean;
  /** Default true. */
  exportWorker?: boolean;
  /** Queue the dispatch reactor feeds; default the configured one (Bull with REDIS_URL, else in-process). */
  dispatchQueue?: ExportQueue;
  /** Queue the worker consumes; default `dispatchQueue`. */
  workerQueue?: ExportQueue;
  /** Default: the configured mail (SMTP with SMTP_URL, else `.eml` files in the data dir). */
  mailer?: AsyncSearchMailer | null;
  dispatchBackoffMs?: number;
  /** Default: the product's upcasters (`eventUpcasters`); tests add toy ones. */
  upcasters?: readonly Upcaster[];
}

export interface RunningOrikaeshi {
  app: NestFastifyApplication;
  eventStore: EventStore;
  readStore: ReadStore;
  blobStore: BlobStore;
  projector: Projector;
  dispatcher: AsyncSearchDispatcher;
  exportWorker: RunningExportWorker | null;
  metrics: Metrics;
  /** Graceful: stop taking requests and finish the ones in flight, store checkpoints, release jobs, close stores. */
  close(): Promise<void>;
}

/**
 * The three apps composed in one process (`npm start`, the demo, the e2e suites): the command API, the
 * projector with the async-search dispatch reactor, and the export worker, on the configured family.
 */
export async function startOrikaeshi(options: OrikaeshiOptions): Promise<RunningOrikaeshi> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  await mkdir(config.dataDir, { recursive: true });
  const metrics = new Metrics();
  const eventStore = await openEventStore(config, options.upcasters);
  const readStore = await openReadStore(config);
  const blobs = await openBlobStore(config);
  const dispatchQueue = options.dispatchQueue ?? openExportQueue(config);
  const workerQueue = options.workerQueue ?? dispatchQueue;
  // With a durable queue the reactor resumes from a stored checkpoint; the in-process queue loses its
  // jobs with the process, so the reactor then replays and re-enqueues what is still pending.
  const checkpoint = isDurableQueue(config)
    ? FileDispatchCheckpoint.inDataDir(config.dataDir)
    : new MemoryDispatchCheckpoint();
  const backoffMs = options.dispatchBackoffMs;
  const dispatcher = new AsyncSearchDispatcher(
    eventStore,
    dispatchQueue,
    checkpoint,
    backoffMs ? { backoffMs, maxBackoffMs: backoffMs * 10 } : {},
  );
  const projector = new Projector(eventStore, readStore, clock, { reactors: [dispatcher] });
  const notifier = options.mailer === undefined ? await openMailNotifier(config) : null;
  const exportWorker =
    options.exportWorker === false
      ? null
      : startExportWorker({
          config,
          eventStore,
          readStore,
          blobStore: blobs.blobStore,
          queue: workerQueue,
          clock,
          mailer: options.mailer === undefined ? notifier : options.mailer,
          metrics,
        });
  metrics.watchProjections(projector);
  metrics.watchQueue(workerQueue);
  if (options.projector !== false) await projector.start();
  const app = await createCommandApi({
    config,
    eventStore,
    readStore,
    clock,
    metrics,
    blobStore: blobs.blobStore,
    healthChecks: dependencyChecks({ eventStore, readStore, queue: workerQueue }),
  });
  return {
    app,
    eventStore,
    readStore,
    blobStore: blobs.blobStore,
    projector,
    dispatcher,
    exportWorker,
    metrics,
    async close() {
      await app.close();
      await projector.stop();
      await exportWorker?.close();
      await Promise.all([dispatchQueue.close(), workerQueue.close()]);
      notifier?.close();
      await blobs.close();
      await readStore.close();
      await eventStore.close();
    },
  };
}
