import { mkdir } from 'node:fs/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from '@nestjs/common';
import { jsonLogger, loadConfigOrExit, openEventStore, openReadStore, resolveAdminToken, systemClock } from '#runtime';
import { issueAdminToken } from './issue-admin-token.js';
import { dependencyChecks } from './operations/health-checks.js';
import type { CommandApiDependencies } from './command-api.module.js';

/** Starts the command API as its own process on the configured family and prints where it listens. */
export async function startCommandApi(
  create: (dependencies: CommandApiDependencies) => Promise<NestFastifyApplication>,
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  await mkdir(config.dataDir, { recursive: true });
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  const app = await create({
    config,
    eventStore,
    readStore,
    clock: systemClock,
    healthChecks: dependencyChecks({ eventStore, readStore }),
  });
  const admin = await resolveAdminToken(config);
  await issueAdminToken(app, admin.token);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting connections and finish the requests in flight before closing the stores.
    await app.close();
    await readStore.close();
    await eventStore.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  process.stdout.write(`Orikaeshi command API listening on ${url} (docs: ${url}/docs)\n`);
  if (admin.source !== 'environment') process.stdout.write(`admin token (kept in ${admin.file}): ${admin.token}\n`);
  return app;
}
