import Database from 'better-sqlite3';

/**
 * Opens an SQLite file of the embedded process for several connections at once (the API's requests and,
 * for the sessions file, the session store and the sign-in throttle): WAL so readers never wait for the
 * writer, and a busy timeout instead of an immediate SQLITE_BUSY when two writers meet.
 */
export function openSqliteFile(path: string, options: SqliteFileOptions = {}): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  if (options.walAutoCheckpointPages !== undefined) db.pragma(`wal_autocheckpoint = ${options.walAutoCheckpointPages}`);
  return db;
}

export interface SqliteFileOptions {
  /** WAL pages after which a commit checkpoints (SQLite's `wal_autocheckpoint`); default SQLite's 1,000. */
  walAutoCheckpointPages?: number;
}
