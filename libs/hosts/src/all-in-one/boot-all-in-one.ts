import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { jsonLogger, loadConfigOrExit, resolveAdminToken } from '#runtime';
import { issueAdminToken } from '../command-api/issue-admin-token.js';
import { closeOnSignals } from '../platform/close-on-signals.js';
import { seedDemo } from './demo-seed.js';
import { startOrikaeshi } from './start-orikaeshi.js';

/**
 * `npm start`: the command API, the projector and the export worker in one process on the configured
 * family (embedded by default: everything in DATA_DIR). `npm run demo` adds `--demo`: a fresh data dir is
 * first filled with a Japanese demo set and demo accounts for every role.
 */
export async function bootAllInOne(): Promise<void> {
  const config = loadConfigOrExit();
  Logger.overrideLogger(jsonLogger(config.logLevel));
  const running = await startOrikaeshi({ config });
  const admin = await resolveAdminToken(config);
  await issueAdminToken(running.app, admin.token);
  await running.app.listen(config.port, config.host);
  const address = running.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  closeOnSignals(running.app, 'orikaeshi');

  const lines = [
    `Orikaeshi is running on ${url}  (API docs: ${url}/docs, health: ${url}/health)`,
    `sign in to the screen at ${url}/ui/`,
  ];
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
