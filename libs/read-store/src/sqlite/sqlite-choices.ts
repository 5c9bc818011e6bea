import type { SearchChoices } from '../projections/callback-choices.port.js';
import type { TableNames } from './sqlite-schema.js';
import type { Prepare } from './sqlite-views.js';

/**
 * The distinct values of an indexed column by a loose index scan: each step asks the index for the
 * smallest value above the previous one, so the cost grows with the number of values (a few call
 * centers, labels and agents), not with the million rows. `SELECT DISTINCT` would walk the whole index.
 */
export function distinctValues(prepare: Prepare, table: string, column: string): string[] {
  const rows = prepare(
    `WITH RECURSIVE value(v) AS (
       SELECT min(${column}) FROM ${table}
       UNION ALL
       SELECT (SELECT min(${column}) FROM ${table} WHERE ${column} > value.v) FROM value WHERE value.v IS NOT NULL
     )
     SELECT v FROM value WHERE v IS NOT NULL`,
  ).all() as { v: string }[];
  return rows.map((row) => row.v);
}

export function sqliteSearchChoices(prepare: Prepare, t: TableNames): SearchChoices {
  return {
    callCenters: distinctValues(prepare, t.callbacks, 'call_center'),
    businessLabels: distinctValues(prepare, t.callbacks, 'business_label'),
    agents: distinctValues(prepare, t.callbacks, 'agent'),
  };
}
