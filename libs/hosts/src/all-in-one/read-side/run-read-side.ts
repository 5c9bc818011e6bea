import 'reflect-metadata';
import { isMainThread, parentPort } from 'node:worker_threads';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { ExportQueue } from '#infra';
import { PROJECTION_STORE, type ProjectionStore } from '#read-store';
import { Metrics, jsonLogger, openReadStore } from '#runtime';
import { dependencyChecks } from '../../command-api/operations/health-checks.js';
import { ExportWorkerModule } from '../../export-worker/export-worker.module.js';
import { PlatformModule, WORKER_QUEUE } from '../../platform/platform.module.js';
import { Projector } from '../../projector/projector.js';
import { ProjectorModule } from '../../projector/projector.module.js';
import { type FromReadSide, type ReadSideMethod, configWhenOpened, serveCalls } from './thread-messages.js';

/** One projection's progress as `/health` shows it. */
export interface ReadSideProjection {
  name: string;
  /** Milliseconds between the last applied event being stored and applied. */
  lagMs: number;
  /** Events (SQLite) or log bytes (EventStoreDB) between the newest stored event and the last applied. */
  behindHead: string;
  eventsHandled: number;
}

export interface ReadSideHealth {
  projections: ReadSideProjection[];
  /** Each store and the queue as this thread reaches them: null when up, else why not. */
  dependencies: Record<string, string | null>;
}

/** The read side's running parts, for hooks that add methods (the bench's lag probe). */
export interface RunningReadSide {
  projector: Projector;
  /** Sends a notice to the API thread (see ReadSideThread.onNotice). */
  notify(name: string, payload: unknown): void;
}

export interface ReadSideHooks {
  /** Wraps the projection store the projector writes to (the bench measures each event's lag there). */
  projectionStore?(store: ProjectionStore): ProjectionStore;
  /** Methods beyond the standard ones; called before the projector starts. */
  methods?(running: RunningReadSide): Record<string, ReadSideMethod>;
}

/**
 * The body of the all-in-one process's read-side thread: the projector (every projection, the retention
 * sweeper, the async-search dispatch reactor) and the export worker, on connections of their own to the
 * stores, so their work never holds up the API's event loop. Started by ReadSideThread; serves its calls
 * (status, health, metrics, stop) until `stop`, which closes everything through Nest's lifecycle hooks as
 * a process of its own would.
 */
export async function runReadSide(hooks: ReadSideHooks = {}): Promise<void> {
  if (isMainThread || !parentPort) throw new Error('runReadSide runs in the worker thread ReadSideThread starts');
  const port = parentPort;
  // The code is loaded by now (the entry's imports); the stores are opened once the API thread says so.
  const config = await configWhenOpened(port);
  Logger.overrideLogger(jsonLogger(config.logLevel));
  // The API thread's registry has the process-wide default metrics (CPU, memory); this one only its own.
  const metrics = new Metrics({ defaultMetrics: false });
  const wrap = hooks.projectionStore;
  const opened = wrap ? await openReadStore(config) : undefined;
  const givenReadStore = opened &&
    wrap && { ...opened, ports: { ...opened.ports, projectionStore: wrap(opened.ports.projectionStore) } };
  @Module({
    imports: [
      PlatformModule.forRoot({ config, metrics, readStore: givenReadStore, queue: true, mail: true }),
      ProjectorModule.forRoot({ dispatch: { checkpoint: 'durable' } }),
      ExportWorkerModule.forRoot(),
    ],
  })
  class ReadSideHost {}
  const app = await NestFactory.createApplicationContext(ReadSideHost, { logger: jsonLogger(config.logLevel) });
  const projector = app.get(Projector);
  const eventStore = app.get<EventStore>(EVENT_STORE);
  const projectionStore = app.get<ProjectionStore>(PROJECTION_STORE);
  const queue = app.get<ExportQueue>(WORKER_QUEUE);
  const notify = (name: string, payload: unknown) =>
    port.postMessage({ kind: 'notice', name, payload } satisfies FromReadSide);
  const extra = hooks.methods?.({ projector, notify }) ?? {};

  const methods: Record<string, ReadSideMethod> = {
    ...extra,
    health: async (): Promise<ReadSideHealth> => {
      const checks = dependencyChecks({ eventStore, readStore: projectionStore, queue });
      const results = await Promise.all(
        checks.map(async (check) => {
          try {
            await check.probe();
            return [check.name, null] as const;
          } catch (error) {
            return [check.name, (error as Error).message] as const;
          }
        }),
      );
      const projections = (await projector.status()).map(({ name, lagMs, behindHead, eventsHandled }) => ({
        name,
        lagMs,
        behindHead,
        eventsHandled,
      }));
      return { projections, dependencies: Object.fromEntries(results) };
    },
    metrics: () => metrics.snapshot(),
    queueDepth: () => queue.depth(),
    waitUntilCaughtUp: (timeoutMs?: number) => projector.waitUntilCaughtUp(timeoutMs),
    stop: async () => {
      await app.close();
      if (givenReadStore) await givenReadStore.close();
      // Nothing else keeps the thread alive: it ends once this reply is out.
      stopServing();
      port.unref();
    },
  };
  const stopServing = serveCalls(port, () => methods);
  await app.init();
  port.postMessage({ kind: 'ready' } satisfies FromReadSide);
}
