import type { CallbackColumn } from '#domain';
import type { CallbackFilter } from '../search-filter.js';
import type { CallbackSort } from '../projections/callback-search.port.js';
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
  /**
   * Behind criteria, the keywords' index lookups are one set of rowids (`c.rowid IN (…)`) that SQLite
   * builds whole, then reads row by row to check the criteria: worth doing once per search, not once for
   * the count and again for the page.
   */
  rowidSet: boolean;
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
  let rowidSet = false;
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    conditions.push(`c.${column} = ?`);
    params.push(value);
  };
  const add = (condition: Branch | null) => {
    // null: no shown column can hold the keyword, nothing matches.
    conditions.push(condition === null ? '0' : condition.sql);
    if (condition !== null) params.push(...condition.params);
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
    // Indexed keywords found in the full-text table alone share one MATCH.
    const phrases = filter.keywords.filter((k) => indexed(k) && lookup.others(k).length === 0);
    // Behind criteria, a keyword's lookups are one set of rowids a row is tested against (its index entry
    // suffices); alone, they are separate lookups SQLite streams through (MULTI-INDEX OR), so counting up
    // to the cap stops early instead of first collecting every row of a common value.
    const rowidsOnly = conditions.length > 0;
    const indexedRows = (match: string | null, rest: readonly RowLookup[]) =>
      rowidsOnly ? lookup.rowidsOf(match, rest) : lookup.anyOf(match, rest);
    if (phrases.length > 0) add(indexedRows(lookup.match(phrases), []));
    for (const keyword of filter.keywords.filter((k) => !phrases.includes(k))) {
      add(indexed(keyword) ? indexedRows(lookup.match([keyword]), lookup.others(keyword)) : lookup.scan(keyword));
    }
    fullText = filter.keywords.some(indexed);
    rowidSet = rowidsOnly && fullText;
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params, fullText, rowidSet };
}

interface Branch {
  sql: string;
  params: unknown[];
}

/** A lookup of rows by an index of the callbacks table: its condition over the table as `alias`. */
interface RowLookup {
  on(alias: string): string;
  params: unknown[];
}

/**
 * Where a keyword can be found in the shown columns. The text columns are looked up in the full-text
 * table (3+ characters) or by `instr()` on the candidates (`scan`); the value-list columns by the rows of
 * their matching values; a caller number's head by ranges of its index (see sqlite-keyword-branches.ts).
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
  /** `column IN (…)` of the values whose shown text holds the keyword, for each value-list column. */
  const lists = (keyword: string): RowLookup[] =>
    listColumns.flatMap((column) => {
      const matching = matchingValues(column, valuesOf(column), keyword, indexes.timeZone);
      if (matching.length === 0) return [];
      const list = matching.map(() => '?').join(', ');
      return [{ on: (alias: string) => `${alias}${valueListColumns[column]} IN (${list})`, params: matching }];
    });
  const others = new Map<string, RowLookup[]>();
  const fullTextRows = (match: string): Branch => ({
    sql: `SELECT rowid FROM ${tables.callbackText} WHERE ${tables.callbackText} MATCH ?`,
    params: [match],
  });
  const lookup = {
    match: (keywords: readonly string[]) =>
      textColumns.length === 0
        ? null
        : keywords.map((k) => `{${textColumns.join(' ')}} : ${ftsPhrase(k)}`).join(' AND '),
    /** An indexed keyword's lookups besides the full-text table. */
    others(keyword: string): RowLookup[] {
      let found = others.get(keyword);
      if (found === undefined) {
        const ranges = callerNumber ? callerNumberHeadRanges(keyword, indexes.callerNumbersBetween) : [];
        found = [
          ...lists(keyword),
          ...ranges.map(([from, to]) => ({
            on: (alias: string) => `${alias}caller_number >= ? AND ${alias}caller_number < ?`,
            params: [from, to],
          })),
        ];
        others.set(keyword, found);
      }
      return found;
    },
    /** The rows of a full-text match and of the other lookups, as one `c.rowid IN (…)`; null when none. */
    rowidsOf(match: string | null, rest: readonly RowLookup[]): Branch | null {
      const sources: Branch[] = [
        ...(match === null ? [] : [fullTextRows(match)]),
        ...rest.map((r) => ({ sql: `SELECT rowid FROM ${tables.callbacks} WHERE ${r.on('')}`, params: r.params })),
      ];
      if (sources.length === 0) return null;
      return {
        sql: `c.rowid IN (${sources.map((b) => b.sql).join(' UNION ALL ')})`,
        params: sources.flatMap((b) => b.params),
      };
    },
    /** The same rows as `rowidsOf`, as an OR of the lookups. */
    anyOf(match: string | null, rest: readonly RowLookup[]): Branch | null {
      const branches: Branch[] = [
        ...(match === null ? [] : [fullTextRows(match)].map((b) => ({ ...b, sql: `c.rowid IN (${b.sql})` }))),
        ...rest.map((r) => ({ sql: `(${r.on('c.')})`, params: r.params })),
      ];
      if (branches.length === 0) return null;
      return { sql: `(${branches.map((b) => b.sql).join(' OR ')})`, params: branches.flatMap((b) => b.params) };
    },
    scan(keyword: string): Branch | null {
      const branches = [
        ...textColumns.map((c) => ({ sql: `instr(c.${c}, ?) > 0`, params: [keyword] })),
        ...lists(keyword).map((r) => ({ sql: r.on('c.'), params: r.params })),
      ];
      if (branches.length === 0) return null;
      return { sql: `(${branches.map((b) => b.sql).join(' OR ')})`, params: branches.flatMap((b) => b.params) };
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
