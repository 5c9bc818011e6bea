import type Database from 'better-sqlite3';
import { openSqliteFile } from '../../shared/sqlite-file.js';
import {
  defaultSignInThrottlePolicy,
  throttleKey,
  verdictFor,
  type SignInThrottle,
  type SignInThrottlePolicy,
  type ThrottleVerdict,
} from '../sign-in-throttle.port.js';

/** Failed sign-ins of the embedded process, in a table of the sessions file (they survive a restart too). */
export class SqliteSignInThrottle implements SignInThrottle {
  /** On an open handle: the sessions file is shared by the session store and the sign-in throttle. */
  constructor(
    private readonly db: Database.Database,
    private readonly policy: SignInThrottlePolicy = defaultSignInThrottlePolicy,
    private readonly ownsHandle = false,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS sign_in_failures (
      login_key TEXT NOT NULL,
      failed_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sign_in_failures_by_login ON sign_in_failures (login_key, failed_at);`);
  }

  static open(path: string, policy: SignInThrottlePolicy = defaultSignInThrottlePolicy): SqliteSignInThrottle {
    return new SqliteSignInThrottle(openSqliteFile(path), policy, true);
  }

  async check(login: string, now: Date): Promise<ThrottleVerdict> {
    const at = now.getTime();
    const rows = this.db
      .prepare('SELECT failed_at FROM sign_in_failures WHERE login_key = ? AND failed_at > ?')
      .pluck()
      .all(throttleKey(login), at - this.policy.windowMs) as number[];
    return verdictFor(rows, at, this.policy);
  }

  async recordFailure(login: string, now: Date): Promise<void> {
    const at = now.getTime();
    const key = throttleKey(login);
    this.db.transaction(() => {
      // Failures that left the window never count again: forget them (for every login, so the table stays small).
      this.db.prepare('DELETE FROM sign_in_failures WHERE failed_at <= ?').run(at - this.policy.windowMs);
      this.db.prepare('INSERT INTO sign_in_failures (login_key, failed_at) VALUES (?, ?)').run(key, at);
    })();
  }

  async clear(login: string): Promise<void> {
    this.db.prepare('DELETE FROM sign_in_failures WHERE login_key = ?').run(throttleKey(login));
  }

  async close(): Promise<void> {
    // A shared handle is closed by whoever opened it.
    if (this.ownsHandle && this.db.open) this.db.close();
  }
}
