import type Database from 'better-sqlite3';
import type { CallbackView } from '../callback-view.js';
import { callbackMatchText } from '../callback-text.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import type { CallbackStatsRow } from '../projections/callback-stats.projection.js';
import { type StoredRow, retentionRevision } from '../projections/projection.js';
import type { ReadProjectionName } from '../read-store.port.js';
import { type TableNames, matchableColumns, textColumn } from './sqlite-schema.js';

export type Prepare = (sql: string) => Database.Statement;

/** A stored row plus what the writer needs to update it in place. */
export interface LoadedRow<View> extends StoredRow<View> {
  rowid?: number;
  text?: string[];
}

/** How one view's rows are read and written in a generation's tables (synchronous, inside the caller's transaction). */
export interface SqliteViewTable<View> {
  load(t: TableNames, key: string): LoadedRow<View> | null;
  put(t: TableNames, key: string, view: View, revision: number, stored: LoadedRow<View> | null): void;
  /** `stored`, when the caller loaded the row in this transaction, spares looking it up again. */
  delete(t: TableNames, key: string, stored?: LoadedRow<View> | null): void;
  /** Every row in key order, for the digest. */
  all(t: TableNames): Iterable<{ key: string; revision: number; view: View }>;
}

interface CallbackRow {
  rowid: number;
  revision: number;
  view: string;
  [text: `t_${string}`]: string;
}

const textColumns = matchableColumns.map(textColumn);

/**
 * SQL text per generation, built once: the statement cache is keyed by the text, and reusing the same
 * string object keeps each lookup cheap on the per-row write path.
 */
export function perGeneration<Sql>(build: (t: TableNames) => Sql): (t: TableNames) => Sql {
  const built = new Map<string, Sql>();
  return (t) => {
    let sql = built.get(t.callbacks);
    if (sql === undefined) {
      sql = build(t);
      built.set(t.callbacks, sql);
    }
    return sql;
  };
}

const valueColumns = [
  'revision',
  'registered_at',
  'call_center',
  'business_label',
  'agent',
  'status',
  'caller_number',
  'our_number',
  'request_id',
  'view',
  ...textColumns,
];

const callbackSql = perGeneration((t) => ({
  load: `SELECT rowid, revision, view, ${textColumns.join(', ')} FROM ${t.callbacks} WHERE id = ?`,
  update: `UPDATE ${t.callbacks} SET ${valueColumns.map((c) => `${c} = ?`).join(', ')} WHERE rowid = ?`,
  insert: `INSERT INTO ${t.callbacks} (id, ${valueColumns.join(', ')}) VALUES (?, ${valueColumns.map(() => '?').join(', ')})`,
  indexText: `INSERT INTO ${t.callbackText} (rowid, ${textColumns.join(', ')}) VALUES (?, ${textColumns.map(() => '?').join(', ')})`,
  unindexText: `DELETE FROM ${t.callbackText} WHERE rowid = ?`,
  rowidOf: `SELECT rowid FROM ${t.callbacks} WHERE id = ?`,
  deleteRow: `DELETE FROM ${t.callbacks} WHERE rowid = ?`,
  all: `SELECT id, revision, view FROM ${t.callbacks} ORDER BY id`,
}));

export function callbackTable(prepare: Prepare, timeZone: string): SqliteViewTable<CallbackView> {
  return {
    load(t, key) {
      const row = prepare(callbackSql(t).load).get(key) as CallbackRow | undefined;
      if (!row) return null;
      const text = textColumns.map((c) => row[c as `t_${string}`]);
      return { view: JSON.parse(row.view) as CallbackView, revision: row.revision, rowid: row.rowid, text };
    },
    put(t, key, view, revision, stored) {
      const sql = callbackSql(t);
      const matchText = callbackMatchText(view, timeZone);
      const text = matchableColumns.map((c) => matchText[c]);
      const values = [
        revision,
        view.registeredAt,
        view.callCenter,
        view.businessLabel,
        view.agent,
        view.status,
        view.callerNumber,
        view.ourNumber,
        view.requestId,
        JSON.stringify(view),
        ...text,
      ];
      if (stored?.rowid !== undefined) {
        prepare(sql.update).run(...values, stored.rowid);
        if (stored.text && stored.text.every((value, i) => value === text[i])) return;
        prepare(sql.unindexText).run(stored.rowid);
        prepare(sql.indexText).run(stored.rowid, ...text);
      } else {
        const result = prepare(sql.insert).run(key, ...values);
        prepare(sql.indexText).run(Number(result.lastInsertRowid), ...text);
      }
    },
    delete(t, key, stored) {
      const sql = callbackSql(t);
      const rowid =
        stored?.rowid ?? (prepare(sql.rowidOf).get(key) as { rowid: number } | undefined)?.rowid ?? undefined;
      if (rowid === undefined) return;
      prepare(sql.unindexText).run(rowid);
      prepare(sql.deleteRow).run(rowid);
    },
    *all(t) {
      const rows = prepare(callbackSql(t).all).iterate() as Iterable<{
        id: string;
        revision: number;
        view: string;
      }>;
      for (const row of rows) yield { key: row.id, revision: row.revision, view: JSON.parse(row.view) as CallbackView };
    },
  };
}

interface StatsRecord {
  id: string;
  revision: number;
  registered_at: string;
  day: string;
  call_center: string;
  business_label: string | null;
  agent: string | null;
  status: 'incomplete' | 'complete';
  seconds_to_complete: number | null;
}

const statsRow = (r: StatsRecord): CallbackStatsRow => ({
  callbackId: r.id,
  registeredAt: r.registered_at,
  day: r.day,
  callCenter: r.call_center,
  businessLabel: r.business_label,
  agent: r.agent,
  status: r.status,
  secondsToComplete: r.seconds_to_complete,
});

const statsSql = perGeneration((t) => ({
  load: `SELECT * FROM ${t.callbackStats} WHERE id = ?`,
  put: `INSERT INTO ${t.callbackStats} (id, revision, registered_at, day, call_center, business_label, agent, status, seconds_to_complete)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, registered_at = excluded.registered_at,
           day = excluded.day, call_center = excluded.call_center, business_label = excluded.business_label,
           agent = excluded.agent, status = excluded.status, seconds_to_complete = excluded.seconds_to_complete`,
  delete: `DELETE FROM ${t.callbackStats} WHERE id = ?`,
  all: `SELECT * FROM ${t.callbackStats} ORDER BY id`,
}));

export function statsTable(prepare: Prepare): SqliteViewTable<CallbackStatsRow> {
  return {
    load(t, key) {
      const row = prepare(statsSql(t).load).get(key) as StatsRecord | undefined;
      return row ? { view: statsRow(row), revision: row.revision } : null;
    },
    put(t, key, row, revision) {
      prepare(statsSql(t).put).run(
        key,
        revision,
        row.registeredAt,
        row.day,
        row.callCenter,
        row.businessLabel,
        row.agent,
        row.status,
        row.secondsToComplete,
      );
    },
    delete(t, key) {
      prepare(statsSql(t).delete).run(key);
    },
    *all(t) {
      for (const row of prepare(statsSql(t).all).iterate() as Iterable<StatsRecord>) {
        yield { key: row.id, revision: row.revision, view: statsRow(row) };
      }
    },
  };
}

const asyncSearchSql = perGeneration((t) => ({
  load: `SELECT revision, row FROM ${t.asyncSearches} WHERE id = ?`,
  put: `INSERT INTO ${t.asyncSearches} (id, revision, owner_id, requested_at, row) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, owner_id = excluded.owner_id,
           requested_at = excluded.requested_at, row = excluded.row`,
  delete: `DELETE FROM ${t.asyncSearches} WHERE id = ?`,
  all: `SELECT id, revision, row FROM ${t.asyncSearches} ORDER BY id`,
}));

export function asyncSearchTable(prepare: Prepare): SqliteViewTable<AsyncSearchListRow> {
  return {
    load(t, key) {
      const row = prepare(asyncSearchSql(t).load).get(key) as { revision: number; row: string } | undefined;
      return row ? { view: JSON.parse(row.row) as AsyncSearchListRow, revision: row.revision } : null;
    },
    put(t, key, row, revision) {
      prepare(asyncSearchSql(t).put).run(key, revision, row.ownerId, row.requestedAt, JSON.stringify(row));
    },
    delete(t, key) {
      prepare(asyncSearchSql(t).delete).run(key);
    },
    *all(t) {
      const rows = prepare(asyncSearchSql(t).all).iterate() as Iterable<{
        id: string;
        revision: number;
        row: string;
      }>;
      for (const row of rows)
        yield { key: row.id, revision: row.revision, view: JSON.parse(row.row) as AsyncSearchListRow };
    },
  };
}

const tombstoneSql = perGeneration((t) => ({
  anyRetained: 'SELECT EXISTS (SELECT 1 FROM retention_tombstones) AS found',
  retained: 'SELECT 1 FROM retention_tombstones WHERE id = ?',
  anyRemoved: `SELECT EXISTS (SELECT 1 FROM ${t.tombstones} WHERE view = ?) AS found`,
  removed: `SELECT revision FROM ${t.tombstones} WHERE view = ? AND key = ?`,
  retain: 'INSERT OR IGNORE INTO retention_tombstones (id) VALUES (?)',
  remove: `INSERT INTO ${t.tombstones} (view, key, revision) VALUES (?, ?, ?)
     ON CONFLICT (view, key) DO UPDATE SET revision = excluded.revision`,
}));

/**
 * Tombstones: a removed row's last revision (per generation), or retention's permanent deletion (all
 * generations). The reader is for one batch inside its transaction: it asks once whether either table
 * holds anything that could hit, and skips the per-key lookups that cannot (a fresh rebuild, a store
 * that never removed a row). The batch writes its tombstones after every lookup, so the answer holds.
 */
export function tombstoneReader<View>(
  prepare: Prepare,
  t: TableNames,
  view: ReadProjectionName,
): (key: string) => StoredRow<View> | null {
  const sql = tombstoneSql(t);
  let anyRetained: boolean | undefined;
  let anyRemoved: boolean | undefined;
  return (key) => {
    if (view !== 'asyncSearches') {
      anyRetained ??= (prepare(sql.anyRetained).get() as { found: number }).found === 1;
      if (anyRetained && prepare(sql.retained).get(key)) return { view: null, revision: retentionRevision };
    }
    anyRemoved ??= (prepare(sql.anyRemoved).get(view) as { found: number }).found === 1;
    if (!anyRemoved) return null;
    const row = prepare(sql.removed).get(view, key) as { revision: number } | undefined;
    return row ? { view: null, revision: row.revision } : null;
  };
}

export function writeTombstone(
  prepare: Prepare,
  t: TableNames,
  view: ReadProjectionName,
  key: string,
  revision: number,
) {
  const sql = tombstoneSql(t);
  if (revision === retentionRevision) prepare(sql.retain).run(key);
  else prepare(sql.remove).run(view, key, revision);
}
