import { mkdir } from 'node:fs/promises';
import { type DynamicModule, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig, Metrics, resolvePiiMasterKey } from '#runtime';
import { CommandApiModule } from '../command-api/command-api.module.js';
import { createHttpHost } from '../platform/http-host.js';
import { PlatformModule } from '../platform/platform.module.js';
import { ReadSideThread } from './read-side/read-side-thread.js';
import { ReadSideThreadModule, readSideHealthChecks } from './read-side/read-side-thread.module.js';
import { WalCheckpointModule } from './wal-checkpoints/wal-checkpoint.module.js';

export interface AllInOneOptions {
  config: AppConfig;
  /** The read-side thread, if the caller spawned it earlier still (ReadSideThread.spawn); default spawned here. */
  readSide?: ReadSideThread;
  /** The read-side thread's script when spawned here (default the product's; the bench gives one with its lag probe). */
  readSideEntry?: URL;
  /** Extra controllers (the bench's no-op command routes). */
  controllers?: DynamicModule['controllers'];
  /** What to do when the read-side thread crashes; default: nothing beyond the log line and a failing `/health`. */
  onReadSideCrash?(error: Error): void;
}

export interface RunningAllInOne {
  app: NestFastifyApplication;
  readSide: ReadSideThread;
  metrics: Metrics;
}

/**
 * `npm start` as two threads of one process: this one serves HTTP (the command API, queries, live events,
 * `/health`, `/metrics`); the read-side thread runs the projector, the retention sweeper, the async-search
 * dispatch reactor and the export worker on connections of its own, so their work takes another core
 * instead of the API's event loop. Built, not yet listening; `app.close()` stops both (Nest's hooks).
 */
export async function startAllInOne(options: AllInOneOptions): Promise<RunningAllInOne> {
  // Spawned first: the thread loads its code while this one builds the API, and opens once the API's stores are open.
  const readSide = options.readSide ?? ReadSideThread.spawn({ entry: options.readSideEntry });
  try {
    return await startAround(readSide, options);
  } catch (error) {
    await readSide.stop();
    throw error;
  }
}

async function startAround(readSide: ReadSideThread, options: AllInOneOptions): Promise<RunningAllInOne> {
  await mkdir(options.config.dataDir, { recursive: true });
  // Resolved once here, so both threads use the same key and its warning is logged once. The SQLite logs
  // are checkpointed by a thread of their own (see walAutoCheckpointPages), in both threads' connections.
  const config: AppConfig = {
    ...options.config,
    piiMasterKey: await resolvePiiMasterKey(options.config),
    walCheckpoints: 'background',
  };
  const metrics = new Metrics();
  @Module({
    imports: [
      PlatformModule.forRoot({ config, metrics, sessions: true }),
      WalCheckpointModule.forRoot(),
      ReadSideThreadModule.forRoot({ thread: readSide, onCrash: options.onReadSideCrash }),
      CommandApiModule.forRoot({ controllers: options.controllers, providers: [readSideHealthChecks] }),
    ],
  })
  class AllInOneHost {}
  const app = await createHttpHost(AllInOneHost, config, metrics);
  return { app, readSide, metrics };
}
