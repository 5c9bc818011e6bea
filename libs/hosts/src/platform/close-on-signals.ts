import { type INestApplicationContext, Logger } from '@nestjs/common';

/**
 * The one shutdown sequence of every process: on SIGTERM/SIGINT, `app.close()` runs the Nest lifecycle
 * hooks (role modules stop and finish the work in hand, the HTTP server finishes its requests, then the
 * platform closes the adapters), and the process exits 0. Returns that sequence for other reasons to shut
 * down (a crashed part of the process, exiting non-zero); it runs once whatever asks first.
 */
export function closeOnSignals(
  app: INestApplicationContext,
  name: string,
  extra?: () => Promise<void>,
): (reason: string, exitCode?: number) => Promise<void> {
  let stopping = false;
  const stop = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    new Logger(name).log({ message: 'shutting down: finishing the work in hand, storing checkpoints', reason });
    await app.close();
    await extra?.();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return stop;
}
