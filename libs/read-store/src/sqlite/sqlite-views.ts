import type Database from 'better-sqlite3';
import type { CallbackView } from '../callback-view.js';
import { foldForMatch, shownText } from '../callback-text.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import type { CallbackStatsRow } from '../projections/callback-stats.projection.js';
import { type StoredRow, retentionRevision } from '../projections/projection.js';
import type { ReadProjectionName } from '../read-store.port.js';
import {
  type GenerationTables,
  type TableNames,
  callerNumberFullText,
  fullTextColumns,
  textColumn,
} from './sqlite-schema.js';
import { keyedRowsCondition, keyedRowsParameter } from './sqlite-keys.js';

export type Prepare = (sql: string) => Database.Statement;

/** A stored row plus what the writer needs to update it in place. */
export interface LoadedRow<View> extends StoredRow<View> {
  rowid?: number;
}

/** How one view's rows are read and written in a generation's tables (synchronous, inside the caller's transaction). */
export interface SqliteViewTable<View> {
  /** The stored rows of these keys (distinct), by key; a key without a row is absent. */
  load(t: TableNames, keys: readonly string[]): Map<string, LoadedRow<View>>;
  put(t: GenerationTables, key: string, view: View, revision: number, stored: LoadedRow<View> | null): void;
  /** `stored`, when the caller loaded the row in this transaction, spares looking it up again. */
  delete(t: GenerationTables, key: string, stored?: LoadedRow<View> | null): void;
  /** Every row in key order, for the digest. */
  all(t: TableNames): Iterable<{ key: string; revision: number; view: View }>;
}

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

/** A stored row of a view kept as JSON (the asynchronous searches, the accounts). */
export interface KeyedJsonRow {
  id: string;
  revision: number;
  row: string;
}

/** A table column whose value comes from one field of the view. */
interface Column<View> {
  name: string;
  field: keyof View;
  value(view: View): unknown;
}

/**
 * The UPDATE of a row by rowid that sets `revision`, the `always` columns and the columns of the fields
 * that changed, and only those: SQLite rewrites the entries of every index over a column in the SET list,
 * so an assignment must not name `registered_at` or `caller_number`. One SQL text per set of changed
 * fields and generation (a handful: the events change one or two fields each).
 */
function rowUpdater<View>(table: (t: TableNames) => string, columns: readonly Column<View>[], always: string[]) {
  const sqls = new Map<string, string>();
  return (
    prepare: Prepare,
    t: TableNames,
    rowid: number,
    revision: number,
    stored: View,
    next: View,
    values: unknown[],
  ) => {
    const changed = columns.filter((c) => stored[c.field] !== next[c.field]);
    const key = `${table(t)}:${changed.map((c) => c.name).join(',')}`;
    let sql = sqls.get(key);
    if (sql === undefined) {
      const names = ['revision', ...always, ...changed.map((c) => c.name)];
      sql = `UPDATE ${table(t)} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE rowid = ?`;
      sqls.set(key, sql);
    }
    prepare(sql).run(revision, ...values, ...changed.map((c) => c.value(next)), rowid);
    return changed;
  };
}

const callbackColumns = (timeZone: string): Column<CallbackView>[] => [
  { name: 'registered_at', field: 'registeredAt', value: (v) => v.registeredAt },
  { name: 'call_center', field: 'callCenter', value: (v) => v.callCenter },
  { name: 'business_label', field: 'businessLabel', value: (v) => v.businessLabel },
  { name: 'agent', field: 'agent', value: (v) => v.agent },
  { name: 'status', field: 'status', value: (v) => v.status },
  { name: 'caller_number', field: 'callerNumber', value: (v) => v.callerNumber },
  { name: 'our_number', field: 'ourNumber', value: (v) => v.ourNumber },
  { name: 'request_id', field: 'requestId', value: (v) => v.requestId },
  { name: 'recording', field: 'recording', value: (v) => v.recording },
  // Narrowing compares the folded shown text, computed once here (shownText reads only its own field).
  ...fullTextColumns.map((c) => ({
    name: textColumn(c),
    field: c,
    value: (v: CallbackView) => foldForMatch(shownText(v, c, timeZone)),
  })),
];

const fullTextFields = new Set<keyof CallbackView>(fullTextColumns);

/** Where each full-text column's value is among `columns`' values. */
const fullTextPositions = (columns: readonly Column<CallbackView>[]) =>
  fullTextColumns.map((c) => columns.findIndex((column) => column.name === textColumn(c)));

/** The full-text entry of a row, from its column values: the folded text, the caller number without its head. */
function fullTextValues(positions: readonly number[], values: readonly unknown[]): string[] {
  return positions.map((position, i) => {
    const text = values[position] as string;
    return fullTextColumns[i] === 'callerNumber' ? callerNumberFullText(text) : text;
  });
}

const callbackSql = perGeneration((t) => {
  const ftsColumns = fullTextColumns.map(textColumn);
  return {
    load: `SELECT id, rowid, revision, view FROM ${t.callbacks} WHERE ${keyedRowsCondition}`,
    indexText: `INSERT INTO ${t.callbackText} (rowid, ${ftsColumns.join(', ')}) VALUES (?, ${ftsColumns.map(() => '?').join(', ')})`,
    unindexText: `DELETE FROM ${t.callbackText} WHERE rowid = ?`,
    rowidOf: `SELECT rowid FROM ${t.callbacks} WHERE id = ?`,
    deleteRow: `DELETE FROM ${t.callbacks} WHERE rowid = ?`,
    all: `SELECT id, revision, view FROM ${t.callbacks} ORDER BY id`,
  };
});

/**
 * The callback view's rows. A new row is inserted with its full-text entry; a changed row updates only
 * the columns of the fields that changed, and its full-text entry only when indexed text changed (a memo
 * edit) — an assignment or a completion touches the agent or status indexes and nothing else. During a
 * bulk load (a rebuild) no full-text entry is written: the index is filled from the rows afterwards.
 */
export function callbackTable(prepare: Prepare, timeZone: string): SqliteViewTable<CallbackView> {
  const columns = callbackColumns(timeZone);
  const insertSql = perGeneration(
    (t) =>
      `INSERT INTO ${t.callbacks} (id, revision, view, ${columns.map((c) => c.name).join(', ')})
       VALUES (?, ?, ?, ${columns.map(() => '?').join(', ')})`,
  );
  const update = rowUpdater<CallbackView>((t) => t.callbacks, columns, ['view']);
  const positions = fullTextPositions(columns);
  const indexText = (t: GenerationTables, rowid: number, values: readonly unknown[]) => {
    if (!t.bulkLoad) prepare(callbackSql(t).indexText).run(rowid, ...fullTextValues(positions, values));
  };
  const unindexText = (t: GenerationTables, rowid: number) => {
    if (!t.bulkLoad) prepare(callbackSql(t).unindexText).run(rowid);
  };
  return {
    load(t, keys) {
      // Arrays, not an object per row: cheaper to build on the per-event path.
      const rows = prepare(callbackSql(t).load).raw(true).all(keyedRowsParameter(keys)) as [
        string,
        number,
        number,
        string,
      ][];
      const loaded = new Map<string, LoadedRow<CallbackView>>();
      for (const [id, rowid, revision, view] of rows) {
        loaded.set(id, { view: JSON.parse(view) as CallbackView, revision, rowid });
      }
      return loaded;
    },
    put(t, key, view, revision, stored) {
      if (stored?.rowid !== undefined && stored.view !== null) {
        const changed = update(prepare, t, stored.rowid, revision, stored.view, view, [JSON.stringify(view)]);
        if (changed.some((c) => fullTextFields.has(c.field))) {
          unindexText(t, stored.rowid);
          indexText(
            t,
            stored.rowid,
            columns.map((c, i) => (positions.includes(i) ? c.value(view) : null)),
          );
        }
      } else {
        const values = columns.map((c) => c.value(view));
        const result = prepare(insertSql(t)).run(key, revision, JSON.stringify(view), ...values);
        indexText(t, Number(result.lastInsertRowid), values);
      }
    },
    delete(t, key, stored) {
      const sql = callbackSql(t);
      const rowid =
        stored?.rowid ?? (prepare(sql.rowidOf).get(key) as { rowid: number } | undefined)?.rowid ?? undefined;
      if (rowid === undefined) return;
      unindexText(t, rowid);
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

const statsColumns: Column<CallbackStatsRow>[] = [
  { name: 'registered_at', field: 'registeredAt', value: (r) => r.registeredAt },
  { name: 'day', field: 'day', value: (r) => r.day },
  { name: 'call_center', field: 'callCenter', value: (r) => r.callCenter },
  { name: 'business_label', field: 'businessLabel', value: (r) => r.businessLabel },
  { name: 'agent', field: 'agent', value: (r) => r.agent },
  { name: 'status', field: 'status', value: (r) => r.status },
  { name: 'seconds_to_complete', field: 'secondsToComplete', value: (r) => r.secondsToComplete },
];

/** A stats row as `load` reads it (an array: cheaper than an object per event). */
type StatsArray = [
  rowid: number,
  id: string,
  revision: number,
  registeredAt: string,
  day: string,
  callCenter: string,
  businessLabel: string | null,
  agent: string | null,
  status: 'incomplete' | 'complete',
  secondsToComplete: number | null,
];

const statsSql = perGeneration((t) => ({
  load: `SELECT rowid, id, revision, registered_at, day, call_center, business_label, agent, status, seconds_to_complete
         FROM ${t.callbackStats} WHERE ${keyedRowsCondition}`,
  insert: `INSERT INTO ${t.callbackStats} (id, revision, ${statsColumns.map((c) => c.name).join(', ')})
           VALUES (?, ?, ${statsColumns.map(() => '?').join(', ')})`,
  delete: `DELETE FROM ${t.callbackStats} WHERE id = ?`,
  all: `SELECT * FROM ${t.callbackStats} ORDER BY id`,
}));

export function statsTable(prepare: Prepare): SqliteViewTable<CallbackStatsRow> {
  const update = rowUpdater<CallbackStatsRow>((t) => t.callbackStats, statsColumns, []);
  return {
    load(t, keys) {
      const rows = prepare(statsSql(t).load).raw(true).all(keyedRowsParameter(keys)) as StatsArray[];
      const loaded = new Map<string, LoadedRow<CallbackStatsRow>>();
      for (const row of rows) {
        const [rowid, id, revision, registeredAt, day, callCenter, businessLabel, agent, status, secondsToComplete] =
          row;
        loaded.set(id, {
          view: { callbackId: id, registeredAt, day, callCenter, businessLabel, agent, status, secondsToComplete },
          revision,
          rowid,
        });
      }
      return loaded;
    },
    put(t, key, row, revision, stored) {
      if (stored?.rowid !== undefined && stored.view !== null) {
        update(prepare, t, stored.rowid, revision, stored.view, row, []);
      } else {
        prepare(statsSql(t).insert).run(key, revision, ...statsColumns.map((c) => c.value(row)));
      }
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
  load: `SELECT id, revision, row FROM ${t.asyncSearches} WHERE ${keyedRowsCondition}`,
  put: `INSERT INTO ${t.asyncSearches} (id, revision, owner_id, requested_at, row) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, owner_id = excluded.owner_id,
           requested_at = excluded.requested_at, row = excluded.row`,
  delete: `DELETE FROM ${t.asyncSearches} WHERE id = ?`,
  all: `SELECT id, revision, row FROM ${t.asyncSearches} ORDER BY id`,
}));

export function asyncSearchTable(prepare: Prepare): SqliteViewTable<AsyncSearchListRow> {
  return {
    load(t, keys) {
      const rows = prepare(asyncSearchSql(t).load).all(keyedRowsParameter(keys)) as KeyedJsonRow[];
      return new Map(
        rows.map((row) => [row.id, { view: JSON.parse(row.row) as AsyncSearchListRow, revision: row.revision }]),
      );
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
