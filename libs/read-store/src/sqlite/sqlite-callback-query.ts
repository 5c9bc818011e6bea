import type { CallbackColumn } from '#domain';
import type { CallbackFilter } from '../search-filter.js';
import type { CallbackSort } from '../read-store.port.js';
import { callerNumberHeadRanges, matchingValues } from './sqlite-keyword-branches.js';
import {
  type TableNames,
  type ValueListColumn,
  fullTextColumns,
  isValueListColumn,
  matchableColumns,
  textColumn,
  valueListColumns,
} from './sqlite-schema.js';

export interface SqlCondition {
  where: string;
  params: unknown[];
  /** The condition looks keywords up in the full-text table (whose rowids are the generation's). */
  fullText: boolean;
}

/** Trigrams need 3 characters (code points) to index anything. */
const trigramLength = 3;

const ftsPhrase = (keyword: string) => `"${keyword.replaceAll('"', '""')}"`;

/** How keywords are looked up: through the indexes, or by `instr()` on the candidates of the criteria. */
export interface KeywordPlan {
  fullTextIndex: boolean;
}

/** What the index plan reads besides the full-text table (see sqlite-keyword-branches.ts). */
export interface KeywordIndexes {
  /** The distinct values of a value-list column, in the generation the query reads. */
  values(column: ValueListColumn): readonly string[];
  /** Whether some caller number lies in `[from, to)`. */
  callerNumbersBetween(from: string, to: string): boolean;
  timeZone: string;
}

/**
 * The WHERE clause of a callback filter over `c` (the callbacks table). Each criterion is an equality
 * or range on an indexed column; SQLite's planner picks the narrowest index (by ANALYZE statistics,
 * see `analyzeGeneration`; without them, the index matching the most equalities).
 */
export function callbackWhere(
  filter: CallbackFilter,
  tables: TableNames,
  indexes: KeywordIndexes,
  plan: KeywordPlan = { fullTextIndex: true },
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
    const columns = [...new Set(filter.columns)].filter((c) => matchableColumns.includes(c));
    const lookup = keywordLookup(columns, tables, indexes);
    const indexed = (k: string) => plan.fullTextIndex && [...k].length >= trigramLength;
    // Indexed keywords with nothing but a phrase in the full-text table share one MATCH (like today's AND).
    const phrases = filter.keywords.filter((k) => indexed(k) && lookup.others(k).length === 0);
    if (phrases.length > 0) {
      const match = lookup.match(phrases);
      conditions.push(match === null ? '0' : lookup.fullTextBranch(match).sql);
      if (match !== null) params.push(match);
    }
    for (const keyword of filter.keywords.filter((k) => !phrases.includes(k))) {
      const branches = indexed(keyword) ? lookup.indexedBranches(keyword) : lookup.scanBranches(keyword);
      // No shown column can hold the keyword: nothing matches.
      conditions.push(branches.length === 0 ? '0' : `(${branches.map((b) => b.sql).join(' OR ')})`);
      params.push(...branches.flatMap((b) => b.params));
    }
    fullText = filter.keywords.some(indexed);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params, fullText };
}

interface Branch {
  sql: string;
  params: unknown[];
}

/**
 * Where a keyword can be found in the shown columns; a row matches when one branch finds it. The text
 * columns are looked up in the full-text table (3+ characters, `indexedBranches`) or by `instr()` on the
 * candidates (`scanBranches`); the value-list columns by the rows of their matching values; a caller
 * number's head by ranges of its index (see sqlite-keyword-branches.ts).
 */
function keywordLookup(columns: readonly CallbackColumn[], tables: TableNames, indexes: KeywordIndexes) {
  const textColumns = columns.filter((c) => fullTextColumns.includes(c)).map(textColumn);
  const listColumns = columns.filter(isValueListColumn);
  const callerNumber = columns.includes('callerNumber');
  const values = new Map<ValueListColumn, readonly string[]>();
  const valuesOf = (column: ValueListColumn) => {
    let found = values.get(column);
    if (found === undefined) values.set(column, (found = indexes.values(column)));
    return found;
  };
  const lists = (keyword: string): Branch[] =>
    listColumns.flatMap((column) => {
      const matching = matchingValues(column, valuesOf(column), keyword, indexes.timeZone);
      if (matching.length === 0) return [];
      return [{ sql: `c.${valueListColumns[column]} IN (${matching.map(() => '?').join(', ')})`, params: matching }];
    });
  const others = new Map<string, Branch[]>();
  const fullTextBranch = (match: string): Branch => ({
    sql: `c.rowid IN (SELECT rowid FROM ${tables.callbackText} WHERE ${tables.callbackText} MATCH ?)`,
    params: [match],
  });
  const match = (keywords: readonly string[]) =>
    textColumns.length === 0 ? null : keywords.map((k) => `{${textColumns.join(' ')}} : ${ftsPhrase(k)}`).join(' AND ');
  const lookup = {
    match,
    fullTextBranch,
    /** An indexed keyword's branches besides the full-text table. */
    others(keyword: string): Branch[] {
      let found = others.get(keyword);
      if (found === undefined) {
        const ranges = callerNumber ? callerNumberHeadRanges(keyword, indexes.callerNumbersBetween) : [];
        found = [
          ...lists(keyword),
          ...ranges.map(([from, to]) => ({
            sql: '(c.caller_number >= ? AND c.caller_number < ?)',
            params: [from, to],
          })),
        ];
        others.set(keyword, found);
      }
      return found;
    },
    indexedBranches(keyword: string): Branch[] {
      const phrase = match([keyword]);
      return [...(phrase === null ? [] : [fullTextBranch(phrase)]), ...lookup.others(keyword)];
    },
    scanBranches(keyword: string): Branch[] {
      return [...textColumns.map((c) => ({ sql: `instr(c.${c}, ?) > 0`, params: [keyword] })), ...lists(keyword)];
    },
  };
  return lookup;
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

/**
 * `sorted: true` keeps SQLite from reading the rows in `registered_at` index order: for a condition that
 * looks keywords up in the indexes (a union of lookups, at most the cap's worth of rows by the time a
 * page is read), walking that index and testing each row against every branch would read the table.
 */
export function orderBy(sort: CallbackSort, alias = 'c', sorted = false): string {
  const direction = sort === 'registeredAt' ? 'ASC' : 'DESC';
  return `${sorted ? '+' : ''}${alias}.registered_at ${direction}, ${alias}.id ${direction}`;
}

/**
 * Keyset condition for streaming: rows strictly after (registeredAt, id) in the sort order, with the
 * parameters `[registeredAt, id]`. A row-value comparison, so SQLite seeks in the (…, registered_at, id)
 * index instead of re-walking every row already sent (an OR of two terms is not a range it can seek).
 */
export function after(sort: CallbackSort, alias = 'c'): string {
  return `(${alias}.registered_at, ${alias}.id) ${sort === 'registeredAt' ? '>' : '<'} (?, ?)`;
}
