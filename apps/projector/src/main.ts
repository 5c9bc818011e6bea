import { Logger } from '@nestjs/common';
import { ConfigError, jsonLogger, loadConfig, openEventStore, openReadStore, systemClock } from '#runtime';
import { Projector } from './projector.js';

/**
 * The projector as its own process.
 *   node dist/apps/projector/src/main.js            follow the event store into the read store
 *   node dist/apps/projector/src/main.js rebuild    rebuild every view beside the serving ones, swap, then follow
 * Run one projector per read store: the rebuild's swap is guarded against the live writes of this process.
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  if (!['run', 'rebuild'].includes(command)) {
    process.stderr.write(`unknown command "${command}": use "run" (default) or "rebuild"\n`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  Logger.overrideLogger(jsonLogger(config.logLevel));
  const logger = new Logger('projector');
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  const projector = new Projector(eventStore, readStore, systemClock);
  await projector.start();
  logger.log('projector started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log({ message: 'stopping: finishing the batch in hand and storing its checkpoint', signal });
    await projector.stop();
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

await main();
