import type Database from 'better-sqlite3';
import { openSqliteFile } from '../../shared/sqlite-file.js';
import {
  defaultSessionPolicy,
  judgeSession,
  newSessionId,
  sessionKey,
  type OpenedSession,
  type ResolvedSession,
  type SessionPolicy,
  type SessionStore,
  type StoredSession,
} from '../session-store.port.js';

interface Row {
  account_id: string;
  created_at: number;
  last_seen_at: number;
}

/**
 * Sessions of the embedded process in their own SQLite file in the data directory (not the event store or
 * the read store: dropping it signs everyone out and loses nothing else), so they survive a restart.
 */
export class SqliteSessionStore implements SessionStore {
  /** On an open handle: the sessions file is shared by the session store and the sign-in throttle. */
  constructor(
    private readonly db: Database.Database,
    private readonly policy: SessionPolicy = defaultSessionPolicy,
    private readonly ownsHandle = false,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id_hash TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS sessions_by_account ON sessions (account_id);
    CREATE INDEX IF NOT EXISTS sessions_by_last_seen ON sessions (last_seen_at);`);
  }

  static open(path: string, policy: SessionPolicy = defaultSessionPolicy): SqliteSessionStore {
    return new SqliteSessionStore(openSqliteFile(path), policy, true);
  }

  async open(accountId: string, now: Date): Promise<OpenedSession> {
    const at = now.getTime();
    // Ended sessions are swept at sign-in, which is rare enough to be free and frequent enough to bound the file.
    this.db
      .prepare('DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?')
      .run(at - this.policy.idleMs, at - this.policy.absoluteMs);
    const sessionId = newSessionId();
    this.db
      .prepare('INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)')
      .run(sessionKey(sessionId), accountId, at, at);
    return { sessionId, expiresAt: new Date(at + this.policy.absoluteMs) };
  }

  async resolve(sessionId: string, now: Date): Promise<ResolvedSession | null> {
    const key = sessionKey(sessionId);
    if (key === null) return null;
    const row = this.db
      .prepare('SELECT account_id, created_at, last_seen_at FROM sessions WHERE id_hash = ?')
      .get(key) as Row | undefined;
    if (!row) return null;
    const stored: StoredSession = {
      accountId: row.account_id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    };
    const at = now.getTime();
    switch (judgeSession(stored, at, this.policy)) {
      case 'expired':
        this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(key);
        return null;
      case 'touch':
        this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, key);
        break;
      case 'valid':
        break;
    }
    return { accountId: stored.accountId, createdAt: new Date(stored.createdAt) };
  }

  async revoke(sessionId: string): Promise<void> {
    const key = sessionKey(sessionId);
    if (key !== null) this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(key);
  }

  async revokeAllOf(accountId: string, exceptSessionId?: string): Promise<number> {
    const keep = exceptSessionId === undefined ? null : sessionKey(exceptSessionId);
    const result = this.db
      .prepare('DELETE FROM sessions WHERE account_id = ? AND id_hash IS NOT ?')
      .run(accountId, keep);
    return result.changes;
  }

  async close(): Promise<void> {
    // A shared handle is closed by whoever opened it.
    if (this.ownsHandle && this.db.open) this.db.close();
  }
}
