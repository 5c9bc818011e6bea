import type Database from 'better-sqlite3';
import type { SearchCriteria } from '#domain';
import type { CallbackView } from '../callback-view.js';
import {
  type CallbackSearch,
  type CallbackSearchRequest,
  type CallbackSearchResult,
  type CallbackSort,
  SearchLimitExceededError,
} from '../projections/callback-search.port.js';
import { type CallbackFilter, type Narrowing, toCallbackFilter } from '../search-filter.js';
import {
  type KeywordIndexes,
  type KeywordPlan,
  type SqlCondition,
  after,
  callbackWhere,
  candidateLimitForScan,
  orderBy,
  withoutKeywords,
} from './sqlite-callback-query.js';
import { distinctValues } from './sqlite-choices.js';
import { type TableNames, valueListColumns } from './sqlite-schema.js';

const streamBatchSize = 1000;

/**
 * The callback list, detail and CSV queries of the SQLite read store, always on the active generation.
 * Statements come from the store's cache and every read runs in one transaction (`read`).
 */
export class SqliteCallbackSearch implements CallbackSearch {
  /** Numbers the temporary tables of full-text streams. */
  private streams = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly timeZone: string,
    private readonly prepare: (sql: string) => Database.Statement,
    private readonly read: <T>(body: (t: TableNames) => T) => T,
    /** `candidateLimitForScan`; a test lowers it to take the index plan on a few hundred rows. */
    private readonly candidateLimit = candidateLimitForScan,
  ) {}

  async search(request: CallbackSearchRequest): Promise<CallbackSearchResult> {
    const { page, pageSize, cap } = request;
    if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer ≥ 1');
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be an integer ≥ 1');
    const filter = toCallbackFilter(request.criteria, request.narrowing, this.timeZone);
    return this.read((t) => {
      const condition = this.where(filter, t);
      if (condition.rowidSet) return this.countedPage(t, condition, request);
      const { where, params, fullText } = condition;
      const total = this.boundedCount(t, where, params, cap + 1);
      if (total > cap) throw new SearchLimitExceededError(cap, total);
      if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total };
      const rows = this.prepare(
        `SELECT c.view FROM ${t.callbacks} c WHERE ${where} ORDER BY ${orderBy(request.sort ?? '-registeredAt', 'c', fullText)} LIMIT ? OFFSET ?`,
      ).all(...params, pageSize, (page - 1) * pageSize) as { view: string }[];
      return { items: rows.map((row) => JSON.parse(row.view) as CallbackView), total };
    });
  }

  /**
   * A search whose keywords' rows are a set read row by row (`rowidSet`), in one statement: a bounded count
   * then a page would look the keywords up twice, and the lookup is most of the search (`090123` in 30 days
   * of open callbacks, over 1M: 15M instructions of the full-text index alone, the search 57M → 34M with
   * one lookup). The matches' keys, at most cap + 1, are kept and counted; only within the cap are they
   * sorted and the page's rows read whole. Beyond it, keeping 10,001 keys costs about a fifth more than
   * counting them, on a search refused anyway. The result has one row at least: the total.
   */
  private countedPage(t: TableNames, condition: SqlCondition, request: CallbackSearchRequest): CallbackSearchResult {
    const { page, pageSize, cap, sort = '-registeredAt' } = request;
    const rows = this.prepare(
      `WITH matches AS MATERIALIZED (
         SELECT c.rowid AS row, c.registered_at, c.id FROM ${t.callbacks} c WHERE ${condition.where} LIMIT ?),
       counted AS (SELECT count(*) AS total FROM matches)
       SELECT counted.total, c.view FROM counted
       LEFT JOIN (SELECT * FROM matches m WHERE (SELECT total FROM counted) <= ?
         ORDER BY ${orderBy(sort, 'm')} LIMIT ? OFFSET ?) p
       LEFT JOIN ${t.callbacks} c ON c.rowid = p.row
       ORDER BY ${orderBy(sort, 'p')}`,
    ).all(...condition.params, cap + 1, cap, pageSize, (page - 1) * pageSize) as {
      total: number;
      view: string | null;
    }[];
    const total = rows[0].total;
    if (total > cap) throw new SearchLimitExceededError(cap, total);
    return { items: rows.flatMap((row) => (row.view === null ? [] : [JSON.parse(row.view) as CallbackView])), total };
  }

  /** The WHERE clause, choosing the narrowing plan from a bounded count of the indexed candidates. */
  private where(filter: CallbackFilter, t: TableNames): SqlCondition {
    return callbackWhere(filter, t, this.indexes(t), this.keywordPlan(filter, t));
  }

  /** Read in the caller's transaction, so the values are those of the rows the query sees. */
  private indexes(t: TableNames): KeywordIndexes {
    return {
      values: (column) => distinctValues(this.prepare, t.callbacks, valueListColumns[column]),
      // CAST hides the values from the planner: SQLite (built with STAT4) prepares a statement again at
      // every run whose bound values it could weigh against an index's samples, and a keyword asks up to
      // two dozen of these seeks, which have one index to use (24 seeks: 1.07M → 0.12M instructions).
      callerNumbersBetween: (from, to) =>
        this.prepare(
          `SELECT 1 FROM ${t.callbacks} WHERE caller_number >= CAST(? AS TEXT) AND caller_number < CAST(? AS TEXT) LIMIT 1`,
        ).get(from, to) !== undefined,
      timeZone: this.timeZone,
    };
  }

  private keywordPlan(filter: CallbackFilter, t: TableNames): KeywordPlan {
    const hasCriteria = Object.keys(filter).some((key) => key !== 'keywords' && key !== 'columns');
    if (filter.keywords.length > 0 && hasCriteria) {
      const plain = callbackWhere(withoutKeywords(filter), t, this.indexes(t));
      if (!this.moreThan(t, plain.where, plain.params, this.candidateLimit)) return { fullTextIndex: false };
    }
    return { fullTextIndex: true };
  }

  /** Whether more than `limit` rows match: skipping rows costs a quarter less than counting them. */
  private moreThan(t: TableNames, where: string, params: unknown[], limit: number): boolean {
    return (
      this.prepare(`SELECT 1 FROM ${t.callbacks} c WHERE ${where} LIMIT 1 OFFSET ?`).get(...params, limit) !== undefined
    );
  }

  private boundedCount(t: TableNames, where: string, params: unknown[], limit: number | undefined): number {
    const sql =
      limit === undefined
        ? `SELECT count(*) AS n FROM ${t.callbacks} c WHERE ${where}`
        : `SELECT count(*) AS n FROM (SELECT 1 FROM ${t.callbacks} c WHERE ${where} LIMIT ?)`;
    const args = limit === undefined ? params : [...params, limit];
    return (this.prepare(sql).get(...args) as { n: number }).n;
  }

  async count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number> {
    const filter = toCallbackFilter(criteria, narrowing, this.timeZone);
    return this.read((t) => {
      const { where, params } = this.where(filter, t);
      return this.boundedCount(t, where, params, limit);
    });
  }

  /**
   * Keyset pages of (registeredAt, id), each its own short read: no statement stays open across the
   * consumer's awaits (better-sqlite3 forbids other statements on the connection while one iterates).
   * The plan is chosen once. Each page seeks past the last row sent, so a page costs the same at the
   * end of a million rows as at the start; with a full-text keyword, see `streamMatches`.
   */
  async *stream(
    criteria: SearchCriteria,
    narrowing?: Narrowing,
    sort: CallbackSort = '-registeredAt',
  ): AsyncIterable<CallbackView> {
    const filter = toCallbackFilter(criteria, narrowing, this.timeZone);
    const { plan, first } = this.read((t) => {
      const plan = this.keywordPlan(filter, t);
      return { plan, first: callbackWhere(filter, t, this.indexes(t), plan) };
    });
    if (first.fullText) {
      yield* this.streamMatches(first, sort);
      return;
    }
    // After the first page, the keyset bound implies the period's bound on the same side and is the
    // tighter one; left in, SQLite would seek by the period's bound and re-walk the rows already sent.
    const rest: CallbackFilter =
      sort === 'registeredAt' ? { ...filter, registeredFrom: undefined } : { ...filter, registeredBefore: undefined };
    let last: CallbackView | null = null;
    for (;;) {
      const from = last;
      const batch = this.read((t) => {
        const { where, params } = from ? callbackWhere(rest, t, this.indexes(t), plan) : first;
        const keyset = from ? ` AND ${after(sort)}` : '';
        const keysetParams = from ? [from.registeredAt, from.id] : [];
        const rows = this.prepare(
          `SELECT c.view FROM ${t.callbacks} c WHERE ${where}${keyset} ORDER BY ${orderBy(sort)} LIMIT ?`,
        ).all(...params, ...keysetParams, streamBatchSize) as { view: string }[];
        return rows.map((row) => JSON.parse(row.view) as CallbackView);
      });
      yield* batch;
      if (batch.length < streamBatchSize) return;
      last = batch[batch.length - 1];
    }
  }

  /**
   * A stream narrowed through the full-text table: the lookup (100+ ms for a common keyword over 1M
   * rows) runs once, into a connection-private temporary table of the matches' (registered_at, id)
   * that SQLite keeps on disk beyond its cache, and each page is then a seek in that table. The rows
   * are read by id at each page, so a row deleted meanwhile (retention) is left out.
   */
  private async *streamMatches(plan: SqlCondition, sort: CallbackSort): AsyncIterable<CallbackView> {
    const matches = `temp.stream_matches_${++this.streams}`;
    this.read((t) => {
      this.db.exec(`CREATE TEMP TABLE ${matches} (registered_at TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (registered_at, id)) WITHOUT ROWID`);
      this.db
        .prepare(`INSERT INTO ${matches} SELECT c.registered_at, c.id FROM ${t.callbacks} c WHERE ${plan.where}`)
        .run(...plan.params);
    });
    try {
      let last: { registered_at: string; id: string } | null = null;
      const first = this.db.prepare(
        `SELECT registered_at, id FROM ${matches} s ORDER BY ${orderBy(sort, 's')} LIMIT ?`,
      );
      const next = this.db.prepare(
        `SELECT registered_at, id FROM ${matches} s WHERE ${after(sort, 's')} ORDER BY ${orderBy(sort, 's')} LIMIT ?`,
      );
      for (;;) {
        const from = last;
        const { keys, views } = this.read((t) => {
          const keys = (from ? next.all(from.registered_at, from.id, streamBatchSize) : first.all(streamBatchSize)) as {
            registered_at: string;
            id: string;
          }[];
          const get = this.prepare(`SELECT view FROM ${t.callbacks} WHERE id = ?`);
          const views: CallbackView[] = [];
          for (const key of keys) {
            const row = get.get(key.id) as { view: string } | undefined;
            if (row) views.push(JSON.parse(row.view) as CallbackView);
          }
          return { keys, views };
        });
        yield* views;
        if (keys.length < streamBatchSize) return;
        last = keys[keys.length - 1];
      }
    } finally {
      if (this.db.open) this.db.exec(`DROP TABLE IF EXISTS ${matches}`);
    }
  }

  async get(callbackId: string): Promise<CallbackView | null> {
    return this.read((t) => {
      const row = this.prepare(`SELECT view FROM ${t.callbacks} WHERE id = ?`).get(callbackId) as
        { view: string } | undefined;
      return row ? (JSON.parse(row.view) as CallbackView) : null;
    });
  }
}
