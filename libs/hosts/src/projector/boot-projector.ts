import { Logger } from '@nestjs/common';
import {
  Metrics,
  serveOperations,
  isDurableQueue,
  jsonLogger,
  loadConfigOrExit,
  openEventStore,
  openExportQueue,
  openReadStore,
  systemClock,
} from '#runtime';
import { AsyncSearchDispatcher } from './dispatch/async-search-dispatcher.js';
import { FileDispatchCheckpoint } from './dispatch/dispatch-checkpoint.js';
import { Projector } from './projector.js';

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
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  // With Bull on Redis the projector feeds the export queue; the in-process queue lives in the worker.
  const queue = isDurableQueue(config) ? openExportQueue(config) : null;
  const reactors = queue
    ? [new AsyncSearchDispatcher(eventStore, queue, FileDispatchCheckpoint.inDataDir(config.dataDir))]
    : [];
  const projector = new Projector(eventStore, readStore, systemClock, { reactors });
  await projector.start();
  const metrics = new Metrics();
  metrics.watchProjections(projector);
  if (queue) metrics.watchQueue(queue);
  const operations = await serveOperations(config.metricsPort, metrics, async () => {
    await eventStore.headPosition();
    await readStore.rebuildStatus();
  });
  logger.log({
    message: 'projector started',
    dispatch: queue ? 'Bull on Redis' : 'none (in-process queue: the worker dispatches)',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ message: 'stopping: finishing the batch in hand and storing its checkpoint', signal });
    await projector.stop();
    await queue?.close();
    await operations?.close();
    await readStore.close();
    await eventStore.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (command === 'rebuild') {
    const result = await projector.rebuild();
    logger.log({ message: 'rebuild done; following live events', ...result });
  }
}
