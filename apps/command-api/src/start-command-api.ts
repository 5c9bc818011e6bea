import { mkdir } from 'node:fs/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, openEventStore, openReadStore, resolveAdminToken, systemClock } from '#runtime';
import { AccountProvisioner } from './auth/account-provisioner.js';
import type { CommandApiDependencies } from './command-api.module.js';

/** Starts the command API as its own process on the configured family and prints where it listens. */
export async function startCommandApi(
  create: (dependencies: CommandApiDependencies) => Promise<NestFastifyApplication>,
): Promise<NestFastifyApplication> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore(config);
  const app = await create({
    config,
    eventStore,
    readStore,
    clock: systemClock,
    healthChecks: [{ name: 'eventStore', probe: async () => void (await eventStore.headPosition()) }],
  });
  const admin = await resolveAdminToken(config);
  await app.get(AccountProvisioner).ensureAdminToken(admin.token);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  process.stdout.write(`Orikaeshi command API listening on ${url} (docs: ${url}/docs)\n`);
  if (admin.source !== 'environment') process.stdout.write(`admin token (kept in ${admin.file}): ${admin.token}\n`);
  return app;
}
