import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ExportQueue } from '#infra';
import { METRICS, type Metrics, isDurableQueue, jsonLogger, loadConfigOrExit, serveOperations } from '#runtime';
import { closeOnSignals } from '../platform/close-on-signals.js';
import { PlatformModule, WORKER_QUEUE } from '../platform/platform.module.js';
import { ExportWorkerModule } from './export-worker.module.js';

/**
 * The export worker as its own process. Production family: jobs come from Bull on Redis, fed by the
 * projector's dispatch reactor. Embedded family: the in-process queue cannot cross processes, so this
 * process runs its own dispatch reactor (no durable checkpoint: it re-reads the event store on start).
 */
export async function bootExportWorker(): Promise<void> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  await mkdir(config.dataDir, { recursive: true });
  const durable = isDurableQueue(config);
  @Module({
    imports: [
      PlatformModule.forRoot({ config, queue: true, mail: true }),
      ExportWorkerModule.forRoot({ dispatch: durable ? undefined : { checkpoint: 'replay' } }),
    ],
  })
  class ExportWorkerHost {}
  const app = await NestFactory.createApplicationContext(ExportWorkerHost, { logger: jsonLogger(config.logLevel) });
  await app.init();
  const queue = app.get<ExportQueue>(WORKER_QUEUE);
  const operations = await serveOperations(
    config.metricsPort,
    app.get<Metrics>(METRICS),
    async () => void (await queue.depth()),
  );
  new Logger('export-worker').log(
    `export worker started (${durable ? 'Bull on Redis' : 'embedded, in-process queue'})`,
  );
  closeOnSignals(app, 'export-worker', async () => void (await operations?.close()));
}
