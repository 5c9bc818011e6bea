import { mkdir } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jsonLogger, loadConfigOrExit, resolveAdminToken } from '#runtime';
import { closeOnSignals } from '../platform/close-on-signals.js';
import { issueAdminToken } from './issue-admin-token.js';
import type { CommandApiDependencies } from './create-command-api.js';

/** Starts the command API as its own process on the configured family and prints where it listens. */
export async function startCommandApi(
  create: (dependencies: CommandApiDependencies) => Promise<NestFastifyApplication>,
): Promise<NestFastifyApplication> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  await mkdir(config.dataDir, { recursive: true });
  const app = await create({ config });
  const admin = await resolveAdminToken(config);
  await issueAdminToken(app, admin.token);
  closeOnSignals(app, 'command-api');
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  process.stdout.write(`Orikaeshi command API listening on ${url} (docs: ${url}/docs, screen: ${url}/ui/)\n`);
  if (admin.source !== 'environment') process.stdout.write(`admin token (kept in ${admin.file}): ${admin.token}\n`);
  return app;
}
