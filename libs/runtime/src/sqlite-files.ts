import path from 'node:path';
import { sqliteReadStoreFileName } from '#read-store';
import type { AppConfig } from './config.js';

/** The SQLite files of the embedded family in the data dir, by what they hold. */
export const embeddedSqliteFileNames = {
  events: 'events.sqlite',
  keys: 'keys.sqlite',
  readStore: sqliteReadStoreFileName,
  sessions: 'sessions.sqlite',
} as const;

export function embeddedSqliteFile(config: Pick<AppConfig, 'dataDir'>, file: keyof typeof embeddedSqliteFileNames) {
  return path.join(config.dataDir, embeddedSqliteFileNames[file]);
}

/**
 * A checkpoint copies the write-ahead log into the database file and syncs both: 10–50 ms on our disks,
 * paid by the commit that takes the log past SQLite's threshold (1,000 pages), so every few hundred
 * commands one waited that long. With a checkpoint thread keeping the logs short, a committing connection
 * checkpoints only past 64 MiB, a safety net should that thread fall behind or stop. Undefined: SQLite's
 * default (the connection checkpoints its own commits; the read store sets its own threshold).
 */
export function walAutoCheckpointPages(config: Pick<AppConfig, 'walCheckpoints'>): number | undefined {
  return config.walCheckpoints === 'background' ? 16_384 : undefined;
}
