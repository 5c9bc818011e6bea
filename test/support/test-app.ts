import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '#event-store';
import type { Upcaster } from '#kernel';
import {
  type BlobStore,
  type ExportQueue,
  InProcessExportQueue,
  type LiveEventHubOptions,
  PasswordHasher,
  cheapScryptForTests,
} from '#infra';
import { type Clock, type ReadStoreHandle, generateToken, loadConfig, openMailNotifier } from '#runtime';
import { startOrikaeshi } from '#hosts';
import { issueAdminToken } from '#hosts';
import type { RunningExportWorker } from '#hosts';
import type { AsyncSearchMailer } from '#application';
import type { AsyncSearchDispatcher } from '#hosts';
import type { Projector } from '#hosts';
import { HttpClient } from './http-client.js';

export interface TestApp {
  app: NestFastifyApplication;
  eventStore: EventStore;
  /** The read store the app opened: its ports, live changes feed and digest. */
  readStore: ReadStoreHandle;
  /** Running unless started with `projector: false`. */
  projector: Projector;
  /** Waits until the projector has handled every event stored so far and no sweep runs (never sleep in tests). */
  caughtUp(): Promise<void>;
  dataDir: string;
  /** Async searches: files, the queue the dispatch reactor feeds and the worker (null with `exportWorker: false`). */
  blobStore: BlobStore;
  dispatcher: AsyncSearchDispatcher;
  exportWorker: RunningExportWorker | null;
  adminToken: string;
  /** Client with the admin token. */
  admin: HttpClient;
  /** Client with no token. */
  anonymous: HttpClient;
  createAccount(
    roles: string[],
    name?: string,
    email?: string | null,
  ): Promise<{ id: string; token: string; client: HttpClient }>;
  close(): Promise<void>;
}

/** Starts the command API on the embedded family in a fresh temp data dir, listening on a random port. */
export interface TestAppOptions {
  clock?: Clock;
  env?: Record<string, string>;
  projector?: boolean;
  /** Queue the dispatch reactor enqueues into; default an in-process queue shared with the worker. */
  dispatchQueue?: ExportQueue;
  /** Queue the export worker consumes; default `dispatchQueue`. */
  workerQueue?: ExportQueue;
  /** Default true. */
  exportWorker?: boolean;
  /** Default: the MailNotifier of the config (SMTP_URL in `env`, else `.eml` files in the data dir). */
  mailer?: AsyncSearchMailer | null;
  /** Default: the product's upcasters. */
  upcasters?: readonly Upcaster[];
  /** Start on this data dir (a restart of an earlier app) instead of a fresh one; it is not removed at close. */
  dataDir?: string;
  /** Listen on this port (default a random one); browser tests need the URL, hence PUBLIC_BASE_URL, first. */
  port?: number;
  /** Default: cheap scrypt (suites hash many passwords). */
  passwordHasher?: PasswordHasher;
  liveEvents?: Partial<LiveEventHubOptions>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-e2e-')));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...options.env });
  // The in-process SMTP server of the mail tests offers no STARTTLS.
  const notifier =
    options.mailer === undefined ? await openMailNotifier(config, { smtpOptions: { ignoreTLS: true } }) : null;
  const running = await startOrikaeshi({
    config,
    clock: options.clock,
    projector: options.projector,
    exportWorker: options.exportWorker,
    dispatchQueue: options.dispatchQueue ?? new InProcessExportQueue({ backoffMs: 50 }),
    workerQueue: options.workerQueue,
    mailer: options.mailer === undefined ? notifier : options.mailer,
    dispatchBackoffMs: 50,
    upcasters: options.upcasters,
    passwordHasher: options.passwordHasher ?? new PasswordHasher(cheapScryptForTests),
    liveEvents: options.liveEvents,
  });
  const { app, projector } = running;
  const adminToken = generateToken();
  await issueAdminToken(app, adminToken);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const admin = new HttpClient(baseUrl, adminToken);
  let counter = 0;
  return {
    app,
    eventStore: running.eventStore,
    readStore: running.readStore,
    projector,
    async caughtUp() {
      await projector.waitUntilCaughtUp();
      await projector.sweeper.whenIdle();
    },
    dataDir,
    blobStore: running.blobStore,
    dispatcher: running.dispatcher,
    exportWorker: running.exportWorker,
    adminToken,
    admin,
    anonymous: new HttpClient(baseUrl),
    async createAccount(roles, name = `user ${++counter}`, email = null) {
      const response = await admin.post('/accounts', { name, roles, email });
      if (response.status !== 201) throw new Error(`account not created: ${response.status} ${response.text}`);
      return { id: response.body.id, token: response.body.token, client: new HttpClient(baseUrl, response.body.token) };
    },
    async close() {
      await running.close();
      notifier?.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A valid registration body; every call gets its own requestId unless one is given. */
export function registration(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    requestId: `call-${Date.now().toString(36)}-${sequence}`,
    receivedAt: '2026-11-20T01:02:03.000Z',
    callCenter: '東京コールセンター',
    businessLabel: '製品サポート',
    callerNumber: '03-1234-5678',
    ourNumber: '0120-000-111',
    ...overrides,
  };
}
