import { mkdir } from 'node:fs/promises';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AsyncSearchMailer } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BLOB_STORE, type BlobStore, type ExportQueue, type LiveEventHubOptions, type PasswordHasher } from '#infra';
import type { Upcaster } from '#kernel';
import { type AppConfig, type Clock, Metrics, READ_STORE_HANDLE, type ReadStoreHandle } from '#runtime';
import { CommandApiModule } from '../command-api/command-api.module.js';
import { LIVE_EVENT_HUB_OPTIONS } from '../command-api/live-events/live-event-hub.provider.js';
import { ExportWorkerLifecycle, ExportWorkerModule } from '../export-worker/export-worker.module.js';
import type { RunningExportWorker } from '../export-worker/start-export-worker.js';
import { createHttpHost } from '../platform/http-host.js';
import { PlatformModule } from '../platform/platform.module.js';
import { AsyncSearchDispatcher } from '../projector/dispatch/async-search-dispatcher.js';
import { Projector } from '../projector/projector.js';
import { ProjectorModule } from '../projector/projector.module.js';

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
  /** Default: scrypt at the production cost. */
  passwordHasher?: PasswordHasher;
  /** Overrides of the live event hub's options (tests: buffer bound, poll interval). */
  liveEvents?: Partial<LiveEventHubOptions>;
}

export interface RunningOrikaeshi {
  app: NestFastifyApplication;
  eventStore: EventStore;
  /** The read store the platform opened (tests: digest, the ports, the live feed). */
  readStore: ReadStoreHandle;
  blobStore: BlobStore;
  projector: Projector;
  dispatcher: AsyncSearchDispatcher;
  exportWorker: RunningExportWorker | null;
  metrics: Metrics;
  /** Graceful (Nest's shutdown hooks): stop the roles, finish requests in flight, close the adapters and the given queues. */
  close(): Promise<void>;
}

/**
 * The three roles composed in one event loop on one platform (the e2e suites, which drive the projector,
 * its sweeper and the dispatcher directly): the command API, the projector with the async-search dispatch
 * reactor, and the export worker, sharing one export queue (the in-process queue must be the same instance
 * for the reactor and the worker). `npm start` and the demo run startAllInOne instead: the same roles with
 * the projector and the worker in a thread of their own.
 */
export async function startOrikaeshi(options: OrikaeshiOptions): Promise<RunningOrikaeshi> {
  const { config } = options;
  await mkdir(config.dataDir, { recursive: true });
  const metrics = new Metrics();
  const workerQueue = options.workerQueue ?? options.dispatchQueue;
  @Module({
    imports: [
      PlatformModule.forRoot({
        config,
        clock: options.clock,
        metrics,
        upcasters: options.upcasters,
        queue: true,
        exportQueue: options.dispatchQueue,
        workerQueue,
        mail: true,
        mailer: options.mailer,
        sessions: true,
        passwordHasher: options.passwordHasher,
      }),
      CommandApiModule.forRoot({
        providers: options.liveEvents ? [{ provide: LIVE_EVENT_HUB_OPTIONS, useValue: options.liveEvents }] : [],
      }),
      ProjectorModule.forRoot({
        start: options.projector !== false,
        dispatch: { checkpoint: 'durable', backoffMs: options.dispatchBackoffMs },
      }),
      ...(options.exportWorker === false ? [] : [ExportWorkerModule.forRoot()]),
    ],
  })
  class AllInOneHost {}
  const app = await createHttpHost(AllInOneHost, config, metrics);
  return {
    app,
    eventStore: app.get(EVENT_STORE),
    readStore: app.get(READ_STORE_HANDLE),
    blobStore: app.get(BLOB_STORE),
    projector: app.get(Projector),
    dispatcher: app.get(AsyncSearchDispatcher),
    exportWorker: options.exportWorker === false ? null : app.get(ExportWorkerLifecycle).running,
    metrics,
    async close() {
      await app.close();
      // Queues given by the caller are the caller's to open, and closed here once the roles have stopped.
      await Promise.all([options.dispatchQueue?.close(), options.workerQueue?.close()]);
    },
  };
}
