import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CallbackView, SearchCriteria } from '#domain';
import type { RecordedEvent } from '#event-store';
import { assertTimeZone, defaultDisplayTimeZone } from '../display-time.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import { type Projection, type StoredRow, applyGuarded } from '../projections/projection.js';
import { type ReadProjections, ViewDigest, createReadProjections, readProjectionNames } from '../read-projections.js';
import {
  type ApplyOptions,
  type ApplyResult,
  type CallbackSearchRequest,
  type CallbackSearchResult,
  type CallbackSort,
  type ProjectionTarget,
  type ReadProjectionName,
  type ReadStore,
  type RebuildStatus,
  SearchLimitExceededError,
} from '../read-store.port.js';
import { type CallbackFilter, type Narrowing, toCallbackFilter } from '../search-filter.js';
import type { CallbackStatsGroup, CallbackStatsQuery } from '../stats.js';
import {
  type SqlCondition,
  after,
  callbackWhere,
  candidateLimitForScan,
  orderBy,
  withoutKeywords,
} from './sqlite-callback-query.js';
import { SqliteGenerations } from './sqlite-generations.js';
import { type TableNames, optimize, tableNames } from './sqlite-schema.js';
import { sqliteCallbackStats } from './sqlite-stats.js';
import {
  type LoadedRow,
  type SqliteViewTable,
  asyncSearchTable,
  callbackTable,
  statsTable,
  tombstoneReader,
  writeTombstone,
} from './sqlite-views.js';

export const sqliteReadStoreFileName = 'read-store.sqlite';

export interface SqliteReadStoreOptions {
  /** A file path, or `:memory:`. Default: `<dataDir>/read-store.sqlite`. */
  filename?: string;
  dataDir?: string;
  displayTimeZone?: string;
}

const streamBatchSize = 1000;
const optimizeEveryChanges = 100_000;

/** A key's row while a batch is folded: as loaded (null = no row), as the batch leaves it, and whether it changed. */
interface FoldedRow {
  stored: LoadedRow<unknown> | null;
  current: StoredRow<unknown> | null;
  dirty: boolean;
}

/** The embedded read store: one SQLite file (WAL), its own beside the event store's. */
export function createSqliteReadStore(options: SqliteReadStoreOptions): SqliteReadStore {
  let filename = options.filename;
  if (!filename) {
    if (!options.dataDir) throw new Error('createSqliteReadStore needs a filename or a dataDir');
    mkdirSync(options.dataDir, { recursive: true });
    filename = join(options.dataDir, sqliteReadStoreFileName);
  }
  const timeZone = options.displayTimeZone ?? defaultDisplayTimeZone;
  assertTimeZone(timeZone);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, the checkpoint makes the rest replayable
  db.pragma('busy_timeout = 5000');
  // 32 MiB per connection: a 1M-row CSV export peaked at ~163 MB RSS (198 MB with 64 MiB) at about the
  // same rows/s; the OS page cache holds the file beyond it. 16 MiB cost the export a third of its speed.
  db.pragma('cache_size = -32768');
  const store = new SqliteReadStore(db, timeZone);
  optimize(db); // statistics for tables filled without them: once, ~1.5 s per million callbacks
  return store;
}

export class SqliteReadStore implements ReadStore {
  readonly projectionNames = readProjectionNames;
  private readonly projections: ReadProjections;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly generations: SqliteGenerations;
  private readonly tables: { [Name in ReadProjectionName]: SqliteViewTable<unknown> };

  constructor(
    private readonly db: Database.Database,
    private readonly timeZone: string,
  ) {
    this.projections = createReadProjections(timeZone);
    const prepare = (sql: string) => this.prepare(sql);
    this.tables = {
      callbacks: callbackTable(prepare, timeZone) as SqliteViewTable<unknown>,
      callbackStats: statsTable(prepare) as SqliteViewTable<unknown>,
      asyncSearches: asyncSearchTable(prepare) as SqliteViewTable<unknown>,
    };
    this.generations = new SqliteGenerations(db, this.projections, () => this.statements.clear());
  }

  /** Rows changed since the last `PRAGMA optimize`. */
  private changedSinceOptimize = 0;
  /** Numbers the temporary tables of full-text streams. */
  private streams = 0;
  private readonly prepareBound = (sql: string) => this.prepare(sql);

  /** Statements are cached by SQL text; table names carry the generation, so a swap just clears the cache. */

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size > 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A read in one transaction: one snapshot, and a swap cannot drop the tables half-way. */
  private read<T>(body: (t: TableNames) => T): T {
    return this.db.transaction(() => body(tableNames(this.generations.active())))();
  }

  async applyEvents(
    name: ReadProjectionName,
    events: readonly RecordedEvent[],
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const projection = this.projections[name] as Projection<unknown>;
    const table = this.tables[name];
    const guard = { retentionCutoff: options.retentionCutoff };
    const result = this.db.transaction(() => {
      const t = tableNames(this.generations.of(options.target ?? 'active'));
      const tombstone = tombstoneReader<unknown>(this.prepareBound, t, name);
      // Every event of the batch is folded in memory per key, through the same guard, then each touched
      // row is written once: a callback registered, assigned and completed in one batch is one INSERT.
      const rows = new Map<string, FoldedRow>();
      let changed = 0;
      for (const event of events) {
        if (!projection.handles.includes(event.type)) continue;
        const key = projection.keyOf(event);
        if (key === null) continue;
        let row = rows.get(key);
        if (row === undefined) {
          const stored = table.load(t, key);
          row = { stored, current: stored ?? tombstone(key), dirty: false };
          rows.set(key, row);
        }
        const change = applyGuarded(projection, row.current, event, guard);
        if (change.kind === 'unchanged') continue;
        changed++;
        row.current = { view: change.kind === 'put' ? change.view : null, revision: change.revision };
        row.dirty = true;
      }
      for (const [key, { stored, current, dirty }] of rows) {
        if (!dirty || current === null) continue;
        if (current.view !== null) {
          table.put(t, key, current.view, current.revision, stored);
        } else {
          if (stored !== null) table.delete(t, key, stored);
          writeTombstone(this.prepareBound, t, name, key, current.revision);
        }
      }
      if (options.checkpoint !== undefined) this.writeCheckpoint(t, name, options.checkpoint);
      return { changed };
    })();
    // A store filled from empty (first start, a rebuild) would otherwise run without statistics until
    // its next open: the check is cheap, and ANALYZE runs again only once a table grew 25×.
    this.changedSinceOptimize += result.changed;
    if (this.changedSinceOptimize >= optimizeEveryChanges) {
      this.changedSinceOptimize = 0;
      optimize(this.db);
    }
    return result;
  }

  private writeCheckpoint(t: TableNames, name: ReadProjectionName, position: bigint): void {
    this.prepare(
      `INSERT INTO ${t.checkpoints} (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    ).run(name, position.toString());
  }

  async getCheckpoint(name: ReadProjectionName, target: ProjectionTarget = 'active'): Promise<bigint | null> {
    const t = tableNames(this.generations.of(target));
    const row = this.prepare(`SELECT position FROM ${t.checkpoints} WHERE projection = ?`).get(name) as
      { position: string } | undefined;
    return row ? BigInt(row.position) : null;
  }

  async setCheckpoint(name: ReadProjectionName, position: bigint, target: ProjectionTarget = 'active'): Promise<void> {
    this.writeCheckpoint(tableNames(this.generations.of(target)), name, position);
  }

  async beginRebuild(): Promise<RebuildStatus> {
    return this.generations.begin();
  }

  async commitRebuild(): Promise<RebuildStatus> {
    return this.generations.commit();
  }

  async abortRebuild(): Promise<RebuildStatus> {
    return this.generations.abort();
  }

  async rebuildStatus(): Promise<RebuildStatus> {
    return this.generations.status();
  }

  async search(request: CallbackSearchRequest): Promise<CallbackSearchResult> {
    const { page, pageSize, cap } = request;
    if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer ≥ 1');
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be an integer ≥ 1');
    const filter = toCallbackFilter(request.criteria, request.narrowing, this.timeZone);
    return this.read((t) => {
      const { where, params } = this.where(filter, t);
      const total = this.boundedCount(t, where, params, cap + 1);
      if (total > cap) throw new SearchLimitExceededError(cap, total);
      if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total };
      const rows = this.prepare(
        `SELECT c.view FROM ${t.callbacks} c WHERE ${where} ORDER BY ${orderBy(request.sort ?? '-registeredAt')} LIMIT ? OFFSET ?`,
      ).all(...params, pageSize, (page - 1) * pageSize) as { view: string }[];
      return { items: rows.map((row) => JSON.parse(row.view) as CallbackView), total };
    });
  }

  /** The WHERE clause, choosing the narrowing plan from a bounded count of the indexed candidates. */
  private where(filter: CallbackFilter, t: TableNames): SqlCondition {
    return callbackWhere(filter, t, this.keywordPlan(filter, t));
  }

  private keywordPlan(filter: CallbackFilter, t: TableNames): { fullTextIndex: boolean } {
    const hasCriteria = Object.keys(filter).some((key) => key !== 'keywords' && key !== 'columns');
    if (filter.keywords.length > 0 && hasCriteria) {
      const plain = callbackWhere(withoutKeywords(filter), t);
      if (this.boundedCount(t, plain.where, plain.params, candidateLimitForScan + 1) <= candidateLimitForScan) {
        return { fullTextIndex: false };
      }
    }
    return { fullTextIndex: true };
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
      return { plan, first: callbackWhere(filter, t, plan) };
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
        const { where, params } = from ? callbackWhere(rest, t, plan) : first;
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

  async callbackStats(query: CallbackStatsQuery): Promise<CallbackStatsGroup[]> {
    return this.read((t) => sqliteCallbackStats((sql) => this.prepare(sql), t, query, this.timeZone));
  }

  async listAsyncSearches(ownerId: string): Promise<AsyncSearchListRow[]> {
    return this.read((t) => {
      const rows = this.prepare(
        `SELECT row FROM ${t.asyncSearches} WHERE owner_id = ? ORDER BY requested_at DESC, id DESC`,
      ).all(ownerId) as { row: string }[];
      return rows.map((row) => JSON.parse(row.row) as AsyncSearchListRow);
    });
  }

  async getAsyncSearch(asyncSearchId: string): Promise<AsyncSearchListRow | null> {
    return this.read((t) => {
      const row = this.prepare(`SELECT row FROM ${t.asyncSearches} WHERE id = ?`).get(asyncSearchId) as
        { row: string } | undefined;
      return row ? (JSON.parse(row.row) as AsyncSearchListRow) : null;
    });
  }

  async findRegisteredBefore(cutoffIso: string, limit: number): Promise<string[]> {
    return this.read((t) => {
      const rows = this.prepare(
        `SELECT id FROM ${t.callbacks} WHERE registered_at < ? ORDER BY registered_at, id LIMIT ?`,
      ).all(new Date(cutoffIso).toISOString(), limit) as { id: string }[];
      return rows.map((row) => row.id);
    });
  }

  async deleteCallbacks(callbackIds: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      const generations = this.generations.all();
      for (const id of callbackIds) {
        for (const generation of generations) {
          const t = tableNames(generation);
          this.tables.callbacks.delete(t, id);
          this.tables.callbackStats.delete(t, id);
        }
        this.prepare('INSERT OR IGNORE INTO retention_tombstones (id) VALUES (?)').run(id);
      }
    })();
  }

  async digest(): Promise<string> {
    return this.read((t) => {
      const digest = new ViewDigest();
      for (const name of readProjectionNames) {
        for (const row of this.tables[name].all(t)) digest.add(name, row.key, row.revision, row.view);
      }
      return digest.hex();
    });
  }

  async close(): Promise<void> {
    this.statements.clear();
    optimize(this.db); // SQLite's advice for a closing connection: refresh statistics gone stale
    this.db.close();
  }
}
