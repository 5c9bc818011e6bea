import type Database from 'better-sqlite3';
import type { KeyStore } from '#kernel';
import { type SqliteFileOptions, openSqliteFile } from '../shared/sqlite-file.js';

/**
 * The embedded key store: its own SQLite file, so the event store's files never hold a key. A shredded
 * key keeps its row with no key bytes (so an encrypted event is known to be erased, not damaged);
 * `secure_delete` overwrites the old bytes in the page, and the WAL is checkpointed and truncated after
 * every shred so no older copy of the page stays in it.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.pragma('secure_delete = ON');
    // As the event store: WAL + NORMAL survives a process crash (an OS crash may lose the last commits of
    // both files alike), without an fsync per new callback.
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB) WITHOUT ROWID');
    this.statements = {
      find: db.prepare<[string], { wrapped: Buffer | null }>('SELECT wrapped FROM data_keys WHERE key_id = ?'),
      insert: db.prepare('INSERT INTO data_keys (key_id, wrapped) VALUES (?, ?) ON CONFLICT (key_id) DO NOTHING'),
      shred: db.prepare(
        'INSERT INTO data_keys (key_id, wrapped) VALUES (?, NULL) ON CONFLICT (key_id) DO UPDATE SET wrapped = NULL',
      ),
    };
  }

  async find(keyId: string): Promise<Buffer | 'shredded' | null> {
    const row = this.statements.find.get(keyId);
    if (!row) return null;
    return row.wrapped ?? 'shredded';
  }

  async createIfAbsent(keyId: string, wrapped: Buffer): Promise<Buffer | 'shredded'> {
    this.statements.insert.run(keyId, wrapped);
    return (await this.find(keyId)) as Buffer | 'shredded';
  }

  async shred(keyIds: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const keyId of keyIds) this.statements.shred.run(keyId);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function openSqliteKeyStore(filePath: string, options: SqliteFileOptions = {}): SqliteKeyStore {
  return new SqliteKeyStore(openSqliteFile(filePath, options));
}
