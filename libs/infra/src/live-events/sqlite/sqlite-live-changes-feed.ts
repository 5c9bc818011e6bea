import type Database from 'better-sqlite3';
import type { LiveChange, LiveChangeKind, LiveChangesFeed, NewLiveChange } from '../live-changes-feed.port.js';

interface Row {
  seq: number;
  kind: LiveChangeKind;
  entity_id: string;
  version: number;
  owner_account_id: string | null;
  payload: string;
  recorded_at: number;
}

/**
 * The feed as a table of the read store's SQLite file, on the handle the projector writes views with, so
 * `append` joins the view batch's transaction. AUTOINCREMENT keeps seq increasing even after pruning.
 */
export class SqliteLiveChangesFeed implements LiveChangesFeed {
  private readonly insert: Database.Statement;
  private readonly readAfterStatement: Database.Statement;
  private readonly appendAlone: (changes: readonly NewLiveChange[], now: Date) => void;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS live_changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      owner_account_id TEXT,
      payload TEXT NOT NULL,
      recorded_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS live_changes_by_time ON live_changes (recorded_at);`);
    // Prepared once: every view batch of the projector appends here, and every API process polls.
    this.insert = db.prepare(
      'INSERT INTO live_changes (kind, entity_id, version, owner_account_id, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // CAST: a bare `LIMIT ?` makes SQLite compile the statement again at every run (it plans with the value).
    this.readAfterStatement = db.prepare(
      'SELECT * FROM live_changes WHERE seq > ? ORDER BY seq LIMIT CAST(? AS INTEGER)',
    );
    this.appendAlone = db.transaction((changes: readonly NewLiveChange[], now: Date) => this.insertAll(changes, now));
  }

  /**
   * Inside the projector's batch transaction the rows simply join it (a failure rolls the whole batch
   * back); called alone, they get a transaction of their own.
   */
  append(changes: readonly NewLiveChange[], now: Date): void {
    if (this.db.inTransaction) this.insertAll(changes, now);
    else this.appendAlone(changes, now);
  }

  private insertAll(changes: readonly NewLiveChange[], now: Date): void {
    for (const change of changes) {
      this.insert.run(
        change.kind,
        change.id,
        change.version,
        change.ownerAccountId,
        JSON.stringify(change.payload),
        now.getTime(),
      );
    }
  }

  async readAfter(seq: number, limit: number): Promise<LiveChange[]> {
    const rows = this.readAfterStatement.all(seq, limit) as Row[];
    return rows.map((row) => ({
      seq: row.seq,
      kind: row.kind,
      id: row.entity_id,
      version: row.version,
      ownerAccountId: row.owner_account_id,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      recordedAt: new Date(row.recorded_at),
    }));
  }

  async latestSeq(): Promise<number> {
    const seq = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'live_changes'").pluck().get() as
      number | undefined;
    return seq ?? 0;
  }

  async prune(olderThan: Date): Promise<number> {
    return this.db.prepare('DELETE FROM live_changes WHERE recorded_at < ?').run(olderThan.getTime()).changes;
  }
}
