import type Database from 'better-sqlite3';
import { type CallbackColumn, callbackColumns } from '#domain';
import { accountListSchema } from './sqlite-accounts.js';

/**
 * Tables of one generation carry its number (`callbacks_g3`): a rebuild fills `g4` beside the serving
 * `g3`, and the swap is one UPDATE of the active-generation pointer in `meta`. The projection versions a
 * generation was built with are recorded in `meta`, so a version bump shows up as a stale generation.
 */
export function tableNames(generation: number) {
  return {
    callbacks: `callbacks_g${generation}`,
    callbackText: `callbacks_text_g${generation}`,
    callbackStats: `callback_stats_g${generation}`,
    asyncSearches: `async_searches_g${generation}`,
    accounts: `accounts_g${generation}`,
    tombstones: `tombstones_g${generation}`,
    checkpoints: `checkpoints_g${generation}`,
  };
}
export type TableNames = ReturnType<typeof tableNames>;

/** Columns whose shown text can match a keyword (the recording column shows a player, no text). */
export const matchableColumns = callbackColumns.filter((c) => c !== 'recording') as CallbackColumn[];
export const textColumn = (column: CallbackColumn) => `t_${column}`;

/**
 * Narrowing uses an FTS5 table with the `trigram` tokenizer over the folded shown text of each column:
 * a keyword of 3+ characters is a phrase query restricted to the caller's shown columns (`{t_a t_b} : "kw"`),
 * which is an exact substring match served by the trigram index. Trigrams cannot serve 1–2 character
 * keywords; those fall back to `instr()` over the same text kept in the row (after the indexed criteria
 * have narrowed the candidates). The FTS table is contentless (`contentless_delete=1`, SQLite ≥ 3.43) so
 * the text is stored once, in the row. Text is folded before indexing, hence `case_sensitive 1`.
 */
export function createGenerationSchema(db: Database.Database, generation: number): void {
  const t = tableNames(generation);
  const textColumns = matchableColumns.map(textColumn);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${t.callbacks} (
      id TEXT NOT NULL UNIQUE,
      revision INTEGER NOT NULL,
      registered_at TEXT NOT NULL,
      call_center TEXT NOT NULL,
      business_label TEXT,
      agent TEXT,
      status TEXT NOT NULL,
      caller_number TEXT,
      our_number TEXT NOT NULL,
      request_id TEXT NOT NULL,
      view TEXT NOT NULL,
      ${textColumns.map((c) => `${c} TEXT NOT NULL`).join(',\n      ')}
    );
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_registered ON ${t.callbacks} (registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_call_center ON ${t.callbacks} (call_center, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_business_label ON ${t.callbacks} (business_label, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_agent ON ${t.callbacks} (agent, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_status ON ${t.callbacks} (status, registered_at, id);
    -- The usual work lists: open callbacks of one call center, of one agent or unassigned, over a period.
    -- agent first: led by status (two values), SQLite would skip-scan it for agent alone and then sort.
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_agent_status ON ${t.callbacks} (agent, status, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_center_status ON ${t.callbacks} (call_center, status, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_caller_number ON ${t.callbacks} (caller_number, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_our_number ON ${t.callbacks} (our_number, registered_at, id);
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_request_id ON ${t.callbacks} (request_id);
    -- The few rows with a linked recording, oldest first (the recording cap, the bulk download).
    CREATE INDEX IF NOT EXISTS ${t.callbacks}_recording ON ${t.callbacks} (registered_at, id)
      WHERE json_extract(view, '$.recording') IS NOT NULL;
    CREATE VIRTUAL TABLE IF NOT EXISTS ${t.callbackText} USING fts5(
      ${textColumns.join(', ')},
      content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
    );
    -- Personal data: a deleted row's tokens leave the full-text index at once, not at a later merge.
    INSERT INTO ${t.callbackText} (${t.callbackText}, rank) VALUES ('secure-delete', 1);
    CREATE TABLE IF NOT EXISTS ${t.callbackStats} (
      id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      registered_at TEXT NOT NULL,
      day TEXT NOT NULL,
      call_center TEXT NOT NULL,
      business_label TEXT,
      agent TEXT,
      status TEXT NOT NULL,
      seconds_to_complete REAL
    );
    CREATE INDEX IF NOT EXISTS ${t.callbackStats}_registered ON ${t.callbackStats} (registered_at);
    CREATE TABLE IF NOT EXISTS ${t.asyncSearches} (
      id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      owner_id TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      row TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${t.asyncSearches}_owner ON ${t.asyncSearches} (owner_id, requested_at, id);
    CREATE TABLE IF NOT EXISTS ${t.tombstones} (
      view TEXT NOT NULL,
      key TEXT NOT NULL,
      revision INTEGER NOT NULL,
      PRIMARY KEY (view, key)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ${t.checkpoints} (
      projection TEXT PRIMARY KEY,
      position TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
  db.exec(accountListSchema(t));
}

/**
 * Statistics for a generation's tables, so the planner chooses between the indexes by their selectivity
 * (without them it may walk 400,000 unassigned rows where 3,000 rows of one call center would do).
 * A full ANALYZE: about 1.5 s per million callbacks. A sampled one (`analysis_limit`) reads the first
 * entries of each index, which for a column with ten values all hold the same one: it then rated a call
 * center (100,000 rows) and `status` (500,000) as 1,001 rows each, and misled the planner.
 */
export function analyzeGeneration(db: Database.Database, generation: number): void {
  const t = tableNames(generation);
  for (const table of [t.callbacks, t.callbackStats, t.asyncSearches]) db.exec(`ANALYZE ${table}`);
}

/**
 * ANALYZE the tables whose statistics are missing or off by 25× in row count (`0x10000`: every table,
 * not only those this connection used). Cheap when nothing changed; empty tables are left alone.
 */
export function optimize(db: Database.Database): void {
  db.pragma('optimize = 0x10002');
}

export function dropGenerationSchema(db: Database.Database, generation: number): void {
  for (const table of Object.values(tableNames(generation))) db.exec(`DROP TABLE IF EXISTS ${table}`);
}

/**
 * Generation-independent tables: the active-generation pointer, and the callbacks retention deleted
 * (kept across rebuilds, because EventStoreDB may still deliver a deleted stream's events from `$all`).
 */
export function createMetaSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS retention_tombstones (id TEXT PRIMARY KEY) WITHOUT ROWID;
  `);
}
