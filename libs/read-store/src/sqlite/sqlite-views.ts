import type Database from 'better-sqlite3';
import type { CallbackView } from '#domain';
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
  delete(t: TableNames, key: string): void;
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

export function callbackTable(prepare: Prepare, timeZone: string): SqliteViewTable<CallbackView> {
  const indexText = (t: TableNames, rowid: number, text: string[]) =>
    prepare(
      `INSERT INTO ${t.callbackText} (rowid, ${textColumns.join(', ')}) VALUES (?, ${textColumns.map(() => '?').join(', ')})`,
    ).run(rowid, ...text);
  return {
    load(t, key) {
      const row = prepare(
        `SELECT rowid, revision, view, ${textColumns.join(', ')} FROM ${t.callbacks} WHERE id = ?`,
      ).get(key) as CallbackRow | undefined;
      if (!row) return null;
      const text = textColumns.map((c) => row[c as `t_${string}`]);
      return { view: JSON.parse(row.view) as CallbackView, revision: row.revision, rowid: row.rowid, text };
    },
    put(t, key, view, revision, stored) {
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
      const columns = `revision, registered_at, call_center, business_label, agent, status, caller_number, our_number, request_id, view, ${textColumns.join(', ')}`;
      if (stored?.rowid !== undefined) {
        const assignments = columns.split(', ').map((c) => `${c} = ?`);
        prepare(`UPDATE ${t.callbacks} SET ${assignments.join(', ')} WHERE rowid = ?`).run(...values, stored.rowid);
        // Most events (assign, memo) change one column's text: re-index only when the text changed.
        if (stored.text && stored.text.every((value, i) => value === text[i])) return;
        prepare(`DELETE FROM ${t.callbackText} WHERE rowid = ?`).run(stored.rowid);
        indexText(t, stored.rowid, text);
      } else {
        const placeholders = values.map(() => '?').join(', ');
        const result = prepare(`INSERT INTO ${t.callbacks} (id, ${columns}) VALUES (?, ${placeholders})`).run(
          key,
          ...values,
        );
        indexText(t, Number(result.lastInsertRowid), text);
      }
    },
    delete(t, key) {
      const row = prepare(`SELECT rowid FROM ${t.callbacks} WHERE id = ?`).get(key) as { rowid: number } | undefined;
      if (!row) return;
      prepare(`DELETE FROM ${t.callbackText} WHERE rowid = ?`).run(row.rowid);
      prepare(`DELETE FROM ${t.callbacks} WHERE rowid = ?`).run(row.rowid);
    },
    *all(t) {
      const rows = prepare(`SELECT id, revision, view FROM ${t.callbacks} ORDER BY id`).iterate() as Iterable<{
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

export function statsTable(prepare: Prepare): SqliteViewTable<CallbackStatsRow> {
  return {
    load(t, key) {
      const row = prepare(`SELECT * FROM ${t.callbackStats} WHERE id = ?`).get(key) as StatsRecord | undefined;
      return row ? { view: statsRow(row), revision: row.revision } : null;
    },
    put(t, key, row, revision) {
      prepare(
        `INSERT INTO ${t.callbackStats} (id, revision, registered_at, day, call_center, business_label, agent, status, seconds_to_complete)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, registered_at = excluded.registered_at,
           day = excluded.day, call_center = excluded.call_center, business_label = excluded.business_label,
           agent = excluded.agent, status = excluded.status, seconds_to_complete = excluded.seconds_to_complete`,
      ).run(
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
      prepare(`DELETE FROM ${t.callbackStats} WHERE id = ?`).run(key);
    },
    *all(t) {
      for (const row of prepare(`SELECT * FROM ${t.callbackStats} ORDER BY id`).iterate() as Iterable<StatsRecord>) {
        yield { key: row.id, revision: row.revision, view: statsRow(row) };
      }
    },
  };
}

export function asyncSearchTable(prepare: Prepare): SqliteViewTable<AsyncSearchListRow> {
  return {
    load(t, key) {
      const row = prepare(`SELECT revision, row FROM ${t.asyncSearches} WHERE id = ?`).get(key) as
        { revision: number; row: string } | undefined;
      return row ? { view: JSON.parse(row.row) as AsyncSearchListRow, revision: row.revision } : null;
    },
    put(t, key, row, revision) {
      prepare(
        `INSERT INTO ${t.asyncSearches} (id, revision, owner_id, requested_at, row) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, owner_id = excluded.owner_id,
           requested_at = excluded.requested_at, row = excluded.row`,
      ).run(key, revision, row.ownerId, row.requestedAt, JSON.stringify(row));
    },
    delete(t, key) {
      prepare(`DELETE FROM ${t.asyncSearches} WHERE id = ?`).run(key);
    },
    *all(t) {
      const rows = prepare(`SELECT id, revision, row FROM ${t.asyncSearches} ORDER BY id`).iterate() as Iterable<{
        id: string;
        revision: number;
        row: string;
      }>;
      for (const row of rows)
        yield { key: row.id, revision: row.revision, view: JSON.parse(row.row) as AsyncSearchListRow };
    },
  };
}

/** Tombstones: a removed row's last revision (per generation), or retention's permanent deletion (all generations). */
export function tombstoneOf<View>(
  prepare: Prepare,
  t: TableNames,
  view: ReadProjectionName,
  key: string,
): StoredRow<View> | null {
  if (view !== 'asyncSearches' && prepare('SELECT 1 FROM retention_tombstones WHERE id = ?').get(key)) {
    return { view: null, revision: retentionRevision };
  }
  const row = prepare(`SELECT revision FROM ${t.tombstones} WHERE view = ? AND key = ?`).get(view, key) as
    { revision: number } | undefined;
  return row ? { view: null, revision: row.revision } : null;
}

export function writeTombstone(
  prepare: Prepare,
  t: TableNames,
  view: ReadProjectionName,
  key: string,
  revision: number,
) {
  if (revision === retentionRevision) {
    prepare('INSERT OR IGNORE INTO retention_tombstones (id) VALUES (?)').run(key);
    return;
  }
  prepare(
    `INSERT INTO ${t.tombstones} (view, key, revision) VALUES (?, ?, ?)
     ON CONFLICT (view, key) DO UPDATE SET revision = excluded.revision`,
  ).run(view, key, revision);
}
