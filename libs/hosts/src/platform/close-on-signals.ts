import { type INestApplicationContext, Logger } from '@nestjs/common';

/**
 * The one shutdown sequence of every process: on SIGTERM/SIGINT, `app.close()` runs the Nest lifecycle
 * hooks (role modules stop and finish the work in hand, the HTTP server finishes its requests, then the
 * platform closes the adapters), and the process exits 0.
 */
export function closeOnSignals(app: INestApplicationContext, name: string, extra?: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    new Logger(name).log({ message: 'shutting down: finishing the work in hand, storing checkpoints', signal });
    await app.close();
    await extra?.();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
