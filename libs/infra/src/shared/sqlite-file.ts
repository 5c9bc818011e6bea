import Database from 'better-sqlite3';

/**
 * Opens an SQLite file of the embedded process for several connections at once (the API's requests and,
 * for the sessions file, the session store and the sign-in throttle): WAL so readers never wait for the
 * writer, and a busy timeout instead of an immediate SQLITE_BUSY when two writers meet.
 */
export function openSqliteFile(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
