import type { EventStore } from '#event-store';
import type { BlobStore, ExportQueue } from '#infra';
import type { CallbackSearch } from '#read-store';
import type { AppConfig, Clock, Metrics } from '#runtime';
import { RunAsyncSearchHandler } from '#application';
import type { AsyncSearchMailer } from '#application';

export interface ExportWorkerRuntime {
  config: Pick<AppConfig, 'displayTimeZone'>;
  eventStore: EventStore;
  readStore: Pick<CallbackSearch, 'stream'>;
  blobStore: BlobStore;
  /** The queue the dispatch reactor feeds (the same instance when it is the in-process queue). */
  queue: ExportQueue;
  clock: Clock;
  mailer: AsyncSearchMailer | null;
  metrics?: Metrics | null;
  /** Jobs run at once by this process. Default 1. */
  concurrency?: number;
}

export interface RunningExportWorker {
  worker: RunAsyncSearchHandler;
  /** Stops taking jobs and waits for the running ones; closes the queue. */
  close(): Promise<void>;
}

/** Starts consuming async-search jobs; embeddable (all-in-one process, tests) or used by `main.ts`. */
export function startExportWorker(runtime: ExportWorkerRuntime): RunningExportWorker {
  const worker = new RunAsyncSearchHandler({
    eventStore: runtime.eventStore,
    readStore: runtime.readStore,
    blobStore: runtime.blobStore,
    clock: runtime.clock,
    displayTimeZone: runtime.config.displayTimeZone,
    mailer: runtime.mailer,
    metrics: runtime.metrics ?? null,
  });
  runtime.queue.process((job) => worker.handle(job), {
    concurrency: runtime.concurrency ?? 1,
    onFailedFinally: (jobId, reason) => worker.failFinally(jobId, reason),
  });
  return { worker, close: () => runtime.queue.close() };
}
