import type { AccountList } from '../projections/account-list.port.js';
import type { AccountListRow } from '../projections/account-list.projection.js';
import type { TableNames } from './sqlite-schema.js';
// Types only: sqlite-schema.ts imports this file for the DDL, so a value import back would be a cycle.
import type { KeyedJsonRow, Prepare, SqliteViewTable } from './sqlite-views.js';
import { keyedRowsCondition, keyedRowsParameter } from './sqlite-keys.js';

/** The accounts view of one generation: a handful of rows, read whole, so no index beside the key. */
export function accountListSchema(t: TableNames): string {
  return `CREATE TABLE IF NOT EXISTS ${t.accounts} (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    row TEXT NOT NULL
  );`;
}

/** Built per call: the accounts view is written a few times a day, not per callback. */
const accountSql = (t: TableNames) => ({
  load: `SELECT id, revision, row FROM ${t.accounts} WHERE ${keyedRowsCondition}`,
  put: `INSERT INTO ${t.accounts} (id, revision, row) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, row = excluded.row`,
  delete: `DELETE FROM ${t.accounts} WHERE id = ?`,
  all: `SELECT id, revision, row FROM ${t.accounts} ORDER BY id`,
});

export function accountListTable(prepare: Prepare): SqliteViewTable<AccountListRow> {
  return {
    load(t, keys) {
      const rows = prepare(accountSql(t).load).all(keyedRowsParameter(keys)) as KeyedJsonRow[];
      return new Map(
        rows.map((row) => [row.id, { view: JSON.parse(row.row) as AccountListRow, revision: row.revision }]),
      );
    },
    put(t, key, row, revision) {
      prepare(accountSql(t).put).run(key, revision, JSON.stringify(row));
    },
    delete(t, key) {
      prepare(accountSql(t).delete).run(key);
    },
    *all(t) {
      const rows = prepare(accountSql(t).all).iterate() as Iterable<{ id: string; revision: number; row: string }>;
      for (const row of rows)
        yield { key: row.id, revision: row.revision, view: JSON.parse(row.row) as AccountListRow };
    },
  };
}

/** `AccountList` on the active generation (`read` runs the body in one read transaction). */
export class SqliteAccountList implements AccountList {
  constructor(
    private readonly prepare: Prepare,
    private readonly read: <T>(body: (t: TableNames) => T) => T,
  ) {}

  async listAccounts(): Promise<AccountListRow[]> {
    return this.read((t) => {
      const rows = this.prepare(`SELECT row FROM ${t.accounts}`).all() as { row: string }[];
      return rows.map((row) => JSON.parse(row.row) as AccountListRow);
    });
  }
}
