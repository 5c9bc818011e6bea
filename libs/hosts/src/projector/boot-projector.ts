import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EXPORT_QUEUE, type ExportQueue } from '#infra';
import { PROJECTION_STORE, type ProjectionStore } from '#read-store';
import { METRICS, type Metrics, isDurableQueue, jsonLogger, loadConfigOrExit, serveOperations } from '#runtime';
import { closeOnSignals } from '../platform/close-on-signals.js';
import { PlatformModule } from '../platform/platform.module.js';
import { Projector } from './projector.js';
import { ProjectorModule } from './projector.module.js';

/**
 * The projector as its own process.
 *   node dist/apps/projector/src/main.js            follow the event store into the read store
 *   node dist/apps/projector/src/main.js rebuild    rebuild every view beside the serving ones, swap, then follow
 * Run one projector per read store: the rebuild's swap is guarded against the live writes of this process.
 */
export async function bootProjector(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  if (!['run', 'rebuild'].includes(command)) {
    process.stderr.write(`unknown command "${command}": use "run" (default) or "rebuild"\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  const logger = new Logger('projector');
  // With Bull on Redis the projector feeds the export queue; the in-process queue lives in the worker.
  const durable = isDurableQueue(config);
  @Module({
    imports: [
      PlatformModule.forRoot({ config, queue: durable }),
      ProjectorModule.forRoot({ dispatch: { checkpoint: durable ? 'durable' : null } }),
    ],
  })
  class ProjectorHost {}
  const app = await NestFactory.createApplicationContext(ProjectorHost, { logger: jsonLogger(config.logLevel) });
  await app.init();
  const eventStore = app.get<EventStore>(EVENT_STORE);
  const projectionStore = app.get<ProjectionStore>(PROJECTION_STORE);
  const metrics = app.get<Metrics>(METRICS);
  if (durable) metrics.watchQueue(app.get<ExportQueue>(EXPORT_QUEUE));
  const operations = await serveOperations(config.metricsPort, metrics, async () => {
    await eventStore.headPosition();
    await projectionStore.rebuildStatus();
  });
  logger.log({
    message: 'projector started',
    dispatch: durable ? 'Bull on Redis' : 'none (in-process queue: the worker dispatches)',
  });
  closeOnSignals(app, 'projector', async () => void (await operations?.close()));

  if (command === 'rebuild') {
    const result = await app.get(Projector).rebuild();
    logger.log({ message: 'rebuild done; following live events', ...result });
  }
}
