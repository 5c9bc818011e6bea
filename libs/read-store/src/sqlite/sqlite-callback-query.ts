import type { CallbackFilter } from '../search-filter.js';
import type { CallbackSort } from '../projections/callback-search.port.js';
import { type TableNames, matchableColumns, textColumn } from './sqlite-schema.js';

export interface SqlCondition {
  where: string;
  params: unknown[];
  /** The condition looks keywords up in the full-text table (whose rowids are the generation's). */
  fullText: boolean;
}

/** Trigrams need 3 characters (code points) to index anything. */
const trigramLength = 3;

const ftsPhrase = (keyword: string) => `"${keyword.replaceAll('"', '""')}"`;

/**
 * The WHERE clause of a callback filter over `c` (the callbacks table). Each criterion is an equality
 * or range on an indexed column; SQLite's planner picks the narrowest index (by ANALYZE statistics,
 * see `analyzeGeneration`; without them, the index matching the most equalities).
 */
export function callbackWhere(
  filter: CallbackFilter,
  tables: TableNames,
  options: { fullTextIndex: boolean } = { fullTextIndex: true },
): SqlCondition {
  const conditions: string[] = [];
  const params: unknown[] = [];
  let fullText = false;
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    conditions.push(`c.${column} = ?`);
    params.push(value);
  };
  if (filter.registeredFrom !== undefined) {
    conditions.push('c.registered_at >= ?');
    params.push(filter.registeredFrom);
  }
  if (filter.registeredBefore !== undefined) {
    conditions.push('c.registered_at < ?');
    params.push(filter.registeredBefore);
  }
  equal('call_center', filter.callCenter);
  equal('business_label', filter.businessLabel);
  if (filter.agent === null) conditions.push('c.agent IS NULL');
  else equal('agent', filter.agent);
  equal('status', filter.status);
  equal('caller_number', filter.callerNumber);
  equal('our_number', filter.ourNumber);
  equal('request_id', filter.requestId);

  if (filter.keywords.length > 0) {
    const columns = [...new Set(filter.columns)].filter((c) => matchableColumns.includes(c)).map(textColumn);
    if (columns.length === 0) {
      conditions.push('0'); // keywords, but no shown column with text: nothing can match
    } else {
      const indexed = (k: string) => options.fullTextIndex && [...k].length >= trigramLength;
      const long = filter.keywords.filter(indexed);
      const short = filter.keywords.filter((k) => !indexed(k));
      if (long.length > 0) {
        const match = long.map((k) => `{${columns.join(' ')}} : ${ftsPhrase(k)}`).join(' AND ');
        conditions.push(`c.rowid IN (SELECT rowid FROM ${tables.callbackText} WHERE ${tables.callbackText} MATCH ?)`);
        params.push(match);
        fullText = true;
      }
      for (const keyword of short) {
        conditions.push(`(${columns.map((c) => `instr(c.${c}, ?) > 0`).join(' OR ')})`);
        params.push(...columns.map(() => keyword));
      }
    }
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params, fullText };
}

/**
 * The FTS subquery materialises every row holding the keyword: cheap for a rare keyword, costly (100+ ms
 * over 1M rows) for a common one. When the indexed criteria alone leave few candidates, checking the
 * keywords with `instr()` on those rows is cheaper, so that bound decides between the two plans.
 */
export const candidateLimitForScan = 10_000;

export function withoutKeywords(filter: CallbackFilter): CallbackFilter {
  return { ...filter, keywords: [] };
}

export function orderBy(sort: CallbackSort, alias = 'c'): string {
  const direction = sort === 'registeredAt' ? 'ASC' : 'DESC';
  return `${alias}.registered_at ${direction}, ${alias}.id ${direction}`;
}

/**
 * Keyset condition for streaming: rows strictly after (registeredAt, id) in the sort order, with the
 * parameters `[registeredAt, id]`. A row-value comparison, so SQLite seeks in the (…, registered_at, id)
 * index instead of re-walking every row already sent (an OR of two terms is not a range it can seek).
 */
export function after(sort: CallbackSort, alias = 'c'): string {
  return `(${alias}.registered_at, ${alias}.id) ${sort === 'registeredAt' ? '>' : '<'} (?, ?)`;
}
