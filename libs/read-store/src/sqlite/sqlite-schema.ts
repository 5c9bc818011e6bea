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
    callbackText: `callbacks_fts_g${generation}`,
    callbackStats: `callback_stats_g${generation}`,
    asyncSearches: `async_searches_g${generation}`,
    accounts: `accounts_g${generation}`,
    tombstones: `tombstones_g${generation}`,
    checkpoints: `checkpoints_g${generation}`,
  };
}
export type TableNames = ReturnType<typeof tableNames>;

/** A generation's tables, and whether its rows are still being bulk-loaded (no secondary or full-text index yet). */
export interface GenerationTables extends TableNames {
  bulkLoad: boolean;
}

/** Columns whose shown text can match a keyword (the recording column shows a player, no text). */
export const matchableColumns = callbackColumns.filter((c) => c !== 'recording') as CallbackColumn[];
export const textColumn = (column: CallbackColumn) => `t_${column}`;

/**
 * Columns whose few distinct values are found with a loose scan of their index when narrowing (see
 * sqlite-value-lists.ts), so they stay out of the full-text index: an assignment or a completion then
 * leaves a callback's full-text entry alone, and the common trigrams of call centers, labels and our
 * numbers (`012` of every 0120 number) no longer slow every keyword down.
 */
export const valueListColumns = {
  agent: 'agent',
  status: 'status',
  callCenter: 'call_center',
  businessLabel: 'business_label',
  ourNumber: 'our_number',
} as const satisfies Partial<Record<CallbackColumn, string>>;
export type ValueListColumn = keyof typeof valueListColumns;
export const isValueListColumn = (column: CallbackColumn): column is ValueListColumn => column in valueListColumns;

/** The columns of the full-text index: the rest of the text a keyword can match. */
export const fullTextColumns: readonly CallbackColumn[] = matchableColumns.filter((c) => !isValueListColumn(c));

/**
 * A caller number of digits (after an optional `+`) is indexed without its first characters: every
 * mobile number starts `090`/`080`/`070`, so those trigrams would be in most rows and make a number
 * keyword slow. A match that starts within the head is found instead by ranges of the `caller_number`
 * index (sqlite-caller-number.ts). Any other text is indexed whole.
 */
export const callerNumberHeadLength = 3;
export const plainPhoneNumber = /^\+?[0-9]*$/;

export function callerNumberFullText(folded: string): string {
  return plainPhoneNumber.test(folded) ? folded.slice(callerNumberHeadLength) : folded;
}

/**
 * A generation's tables with their primary keys only (the lookups of the revision guard). A rebuild loads
 * its rows into these, then `createSecondaryIndexes` and `createFullTextIndex` build every other index
 * once, from sorted data, instead of updating a dozen B-trees and the full-text index row by row.
 */
function createGenerationTables(db: Database.Database, t: TableNames): void {
  const textColumns = fullTextColumns.map(textColumn);
  const older = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(t.callbacks) !== undefined;
  if (older) upgradeCallbacksTable(db, t);
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
      recording TEXT,
      view TEXT NOT NULL,
      ${textColumns.map((c) => `${c} TEXT NOT NULL`).join(',\n      ')}
    );
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
    CREATE TABLE IF NOT EXISTS ${t.asyncSearches} (
      id TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      owner_id TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      row TEXT NOT NULL
    );
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
 * A generation written by an older version kept the recording in the view's JSON alone (its partial
 * index evaluated `json_extract` at every write: the column replaces both), and the folded text of the
 * value-list columns, which narrowing now reads from the values themselves.
 */
function upgradeCallbacksTable(db: Database.Database, t: TableNames): void {
  const columns = new Set(
    (db.prepare(`SELECT name FROM pragma_table_info('${t.callbacks}')`).all() as { name: string }[]).map((c) => c.name),
  );
  if (!columns.has('recording')) {
    db.exec(`
      DROP INDEX IF EXISTS ${t.callbacks}_recording;
      ALTER TABLE ${t.callbacks} ADD COLUMN recording TEXT;
      UPDATE ${t.callbacks} SET recording = json_extract(view, '$.recording')
        WHERE json_extract(view, '$.recording') IS NOT NULL;
    `);
  }
  for (const column of Object.keys(valueListColumns) as ValueListColumn[]) {
    if (columns.has(textColumn(column))) db.exec(`ALTER TABLE ${t.callbacks} DROP COLUMN ${textColumn(column)}`);
  }
}

/**
 * The secondary indexes of the search criteria, the statistics and the search list, one statement each.
 * Idempotent: gives a generation created by an older version the indexes added since.
 */
function generationIndexes(t: TableNames): string[] {
  return [
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_registered ON ${t.callbacks} (registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_call_center ON ${t.callbacks} (call_center, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_business_label ON ${t.callbacks} (business_label, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_agent ON ${t.callbacks} (agent, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_status ON ${t.callbacks} (status, registered_at, id)`,
    // The usual work lists: open callbacks of one call center, of one agent or unassigned, over a period.
    // agent first: led by status (two values), SQLite would skip-scan it for agent alone and then sort.
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_agent_status ON ${t.callbacks} (agent, status, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_center_status ON ${t.callbacks} (call_center, status, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_caller_number ON ${t.callbacks} (caller_number, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_our_number ON ${t.callbacks} (our_number, registered_at, id)`,
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_request_id ON ${t.callbacks} (request_id)`,
    // The few rows with a linked recording, oldest first (the recording cap, the bulk download).
    `CREATE INDEX IF NOT EXISTS ${t.callbacks}_linked_recording ON ${t.callbacks} (registered_at, id)
       WHERE recording IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS ${t.callbackStats}_registered ON ${t.callbackStats} (registered_at)`,
    `CREATE INDEX IF NOT EXISTS ${t.asyncSearches}_owner ON ${t.asyncSearches} (owner_id, requested_at, id)`,
  ];
}

/** SQL name of `callerNumberFullText`, for filling the full-text index from the rows. */
const callerNumberFullTextFunction = 'callback_caller_number_full_text';

/**
 * Narrowing uses an FTS5 table with the `trigram` tokenizer over the folded shown text of the
 * `fullTextColumns`: a keyword of 3+ characters is a phrase query restricted to the caller's shown columns
 * (`{t_a t_b} : "kw"`), an exact substring match served by the trigram index. Trigrams cannot serve 1–2
 * character keywords; those fall back to `instr()` over the same text kept in the row (after the indexed
 * criteria have narrowed the candidates). The FTS table is contentless (`contentless_delete=1`, SQLite ≥
 * 3.43) so the text is stored once, in the row. Text is folded before indexing, hence `case_sensitive 1`.
 *
 * Created empty with the generation, or filled from the rows in one statement: after a bulk load, and
 * for a generation of an older version whose index (`callbacks_text_g<n>`) held every column.
 */
export function createFullTextIndex(db: Database.Database, generation: number): void {
  const t = tableNames(generation);
  const exists = (name: string) => db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) !== undefined;
  const older = `callbacks_text_g${generation}`;
  if (exists(t.callbackText) && !exists(older)) return;
  db.exec(`DROP TABLE IF EXISTS ${older}; DROP TABLE IF EXISTS ${t.callbackText};`);
  const columns = fullTextColumns.map(textColumn);
  db.exec(`
    CREATE VIRTUAL TABLE ${t.callbackText} USING fts5(
      ${columns.join(', ')},
      content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
    );
    -- Personal data: a deleted row's tokens leave the full-text index at once, not at a later merge.
    INSERT INTO ${t.callbackText} (${t.callbackText}, rank) VALUES ('secure-delete', 1);
    -- Filling it from a million rows in one statement: fewer, larger segments to merge (32 MiB pending).
    INSERT INTO ${t.callbackText} (${t.callbackText}, rank) VALUES ('hashsize', 33554432);
    -- Each projector batch adds a segment; merging 8 at a time instead of 4 rewrites each entry fewer
    -- times (about 5 % fewer instructions per event in a catch-up), at no measurable cost to a lookup.
    INSERT INTO ${t.callbackText} (${t.callbackText}, rank) VALUES ('automerge', 8);
  `);
  db.function(callerNumberFullTextFunction, { deterministic: true }, (text) => callerNumberFullText(String(text)));
  const values = fullTextColumns.map((c) =>
    c === 'callerNumber' ? `${callerNumberFullTextFunction}(${textColumn(c)})` : textColumn(c),
  );
  db.exec(
    `INSERT INTO ${t.callbackText} (rowid, ${columns.join(', ')})
     SELECT rowid, ${values.join(', ')} FROM ${t.callbacks} ORDER BY rowid`,
  );
}

/**
 * Creates what a generation lacks. `bulkLoad` leaves out the secondary and full-text indexes for
 * `createSecondaryIndexes` and `createFullTextIndex` to build once the rows are in.
 */
export function createGenerationSchema(db: Database.Database, generation: number, bulkLoad = false): void {
  createGenerationTables(db, tableNames(generation));
  if (bulkLoad) return;
  createSecondaryIndexes(db, generation);
  createFullTextIndex(db, generation);
}

/** Each index in its own transaction (a savepoint inside the caller's): a crash keeps those built. */
export function createSecondaryIndexes(db: Database.Database, generation: number): void {
  for (const statement of generationIndexes(tableNames(generation))) db.transaction(() => db.exec(statement))();
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
  // callbacks_text_g<n>: the full-text index as an older version named it.
  for (const table of [...Object.values(tableNames(generation)), `callbacks_text_g${generation}`]) {
    db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
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
