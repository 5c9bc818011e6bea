import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { jsonLogger, loadConfigOrExit, resolveAdminPassword, resolveAdminToken } from '#runtime';
import { ensureAdminPassword, issueAdminToken } from '../command-api/issue-admin-token.js';
import { closeOnSignals } from '../platform/close-on-signals.js';
import { seedDemo } from './demo-seed.js';
import type { ReadSideThread } from './read-side/read-side-thread.js';
import { startAllInOne } from './start-all-in-one.js';

/**
 * `npm start` once its read-side thread is spawned (bootAllInOne): the command API, the projector and the
 * export worker in one process on the configured family (embedded by default: everything in DATA_DIR), the
 * projector and the worker in that thread (see startAllInOne). `npm run demo` adds `--demo`: a fresh data
 * dir is first filled with a Japanese demo set and demo accounts for every role.
 *
 * If the read-side thread crashes the process shuts down as on SIGTERM and exits with 1: without it views
 * go stale and exports stop, which an operator's supervisor (systemd, a container restart policy) notices
 * by the exit and mends by a restart, the projector resuming from its checkpoints.
 */
export async function runAllInOne(readSide: ReadSideThread): Promise<void> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  let shutDown: ((reason: string, exitCode: number) => Promise<void>) | null = null;
  const running = await startAllInOne({
    config,
    readSide,
    onReadSideCrash: (error) => {
      new Logger('orikaeshi').error({
        message: 'the read side (projector, export worker) crashed: shutting down',
        error: error.message,
      });
      if (shutDown) void shutDown('read side crashed', 1);
      else process.exit(1);
    },
  });
  shutDown = closeOnSignals(running.app, 'orikaeshi');
  const admin = await resolveAdminToken(config);
  await issueAdminToken(running.app, admin.token);
  const adminPassword = await resolveAdminPassword(config);
  await ensureAdminPassword(running.app, adminPassword.value);
  await running.app.listen(config.port, config.host);
  const address = running.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  const lines = [
    `Orikaeshi is running on ${url}  (API docs: ${url}/docs, health: ${url}/health)`,
    `sign in to the screen at ${url}/ui/ as Administrator`,
  ];
  if (adminPassword.file) lines.push(`admin password (kept in ${adminPassword.file}): ${adminPassword.value}`);
  lines.push(`admin token${admin.file ? ` (kept in ${admin.file})` : ''}: ${admin.token}`);
  if (process.argv.includes('--demo')) {
    const count = Number(process.env.DEMO_CALLBACKS ?? 3000);
    const { tokens, signIns } = await seedDemo(
      url,
      admin.token,
      config.dataDir,
      Number.isInteger(count) && count > 0 ? count : 3000,
    );
    lines.push(
      'demo sign-in (role: login / password):',
      ...Object.entries(signIns).map(([role, { login, password }]) => `  ${role}: ${login} / ${password}`),
    );
    lines.push('demo accounts (role: token):', ...Object.entries(tokens).map(([role, token]) => `  ${role}: ${token}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
