import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchCriteria } from '#domain';
import type { CallbackView } from '../callback-view.js';
import type { RecordedEvent } from '#event-store';
import { assertTimeZone, defaultDisplayTimeZone } from '../display-time.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import { type Projection, foldBatch, keyedEvents } from '../projections/projection.js';
import { type ReadProjections, ViewDigest, createReadProjections, readProjectionNames } from '../read-projections.js';
import type { AsyncSearchList } from '../projections/async-search-list.port.js';
import type { CallbackChoices, SearchChoices } from '../projections/callback-choices.port.js';
import type {
  CallbackSearch,
  CallbackSearchRequest,
  CallbackSearchResult,
  CallbackSort,
} from '../projections/callback-search.port.js';
import type { CallbackStats } from '../projections/callback-stats.port.js';
import type { LinkedRecording, LinkedRecordings } from '../projections/linked-recordings.port.js';
import type { CallbackRetention } from '../callback-retention.port.js';
import type { ReadPorts, ReadStoreAdapter } from '../read-ports.js';
import type {
  ApplyOptions,
  ApplyResult,
  ProjectionStore,
  ProjectionTarget,
  ReadProjectionName,
  RebuildStatus,
} from '../read-store.port.js';
import type { Narrowing } from '../search-filter.js';
import type { CallbackStatsGroup, CallbackStatsQuery } from '../stats.js';
import { SqliteAccountList, accountListTable } from './sqlite-accounts.js';
import { SqliteCallbackSearch } from './sqlite-callback-search.js';
import { sqliteSearchChoices } from './sqlite-choices.js';
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
import { type ViewChangeLog, viewChangesOf } from '../view-changes.js';

export const sqliteReadStoreFileName = 'read-store.sqlite';

export interface SqliteReadStoreOptions {
  /** A file path, or `:memory:`. Default: `<dataDir>/read-store.sqlite`. */
  filename?: string;
  dataDir?: string;
  displayTimeZone?: string;
  /** The live changes feed on this store's file, appended in each view batch's transaction (see ViewChangeLog). */
  changeLog?: (db: Database.Database) => ViewChangeLog;
}

const optimizeEveryChanges = 100_000;

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
  // Rows hold personal data: deleted content is overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');
  // 32 MiB per connection: a 1M-row CSV export peaked at ~163 MB RSS (198 MB with 64 MiB) at about the
  // same rows/s; the OS page cache holds the file beyond it. 16 MiB cost the export a third of its speed.
  db.pragma('cache_size = -32768');
  // A checkpoint every 64 MiB of WAL instead of 4: a catch-up rewrites the same index pages batch after
  // batch, and a checkpoint copies a page once however often it changed, and syncs twice. Measured over
  // a 100,000-event catch-up of the callback view: about 90 µs per event with 4 MiB, 75 µs with 64 MiB.
  db.pragma('wal_autocheckpoint = 16000');
  const store = new SqliteReadStore(db, timeZone, options.changeLog?.(db) ?? null);
  optimize(db); // statistics for tables filled without them: once, ~1.5 s per million callbacks
  return store;
}

/**
 * One class answers every port of the embedded store (they share the connection, its statement cache and
 * the generation pointer); `ports` hands each consumer the one it needs.
 */
export class SqliteReadStore
  implements
    ReadStoreAdapter,
    ProjectionStore,
    CallbackSearch,
    CallbackChoices,
    CallbackStats,
    LinkedRecordings,
    AsyncSearchList,
    CallbackRetention
{
  readonly projectionNames = readProjectionNames;
  readonly ports: ReadPorts;
  private readonly projections: ReadProjections;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly generations: SqliteGenerations;
  private readonly tables: { [Name in ReadProjectionName]: SqliteViewTable<unknown> };
  /** The callback list, detail and CSV queries (the `CallbackSearch` port). */
  private readonly callbacks: SqliteCallbackSearch;

  constructor(
    private readonly db: Database.Database,
    private readonly timeZone: string,
    private readonly changeLog: ViewChangeLog | null = null,
  ) {
    this.projections = createReadProjections(timeZone);
    const prepare = (sql: string) => this.prepare(sql);
    this.tables = {
      callbacks: callbackTable(prepare, timeZone) as SqliteViewTable<unknown>,
      callbackStats: statsTable(prepare) as SqliteViewTable<unknown>,
      asyncSearches: asyncSearchTable(prepare) as SqliteViewTable<unknown>,
      accounts: accountListTable(prepare) as SqliteViewTable<unknown>,
    };
    this.generations = new SqliteGenerations(db, this.projections, () => this.statements.clear());
    this.callbacks = new SqliteCallbackSearch(db, timeZone, prepare, (body) => this.read(body));
    this.ports = {
      callbackSearch: this.callbacks,
      callbackChoices: this,
      linkedRecordings: this,
      callbackStats: this,
      asyncSearchList: this,
      accountList: new SqliteAccountList(prepare, (body) => this.read(body)),
      projectionStore: this,
      callbackRetention: this,
    };
  }

  /** Rows changed since the last `PRAGMA optimize`. */
  private changedSinceOptimize = 0;
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
      const t = this.generations.tables(this.generations.of(options.target ?? 'active'));
      const tombstone = tombstoneReader<unknown>(this.prepareBound, t, name);
      const keyed = keyedEvents(projection, events);
      const loaded: ReadonlyMap<string, LoadedRow<unknown>> = keyed.length > 0
        ? table.load(t, [...new Set(keyed.map((e) => e.key))])
        : new Map();
      const load = (key: string) => loaded.get(key) ?? tombstone(key);
      // Every step of an asynchronous search is announced (pending, processing, succeeded may share a batch);
      // a callback only as the batch leaves it.
      const steps: [string, { view: unknown }][] = [];
      const observe =
        this.changeLog && name === 'asyncSearches'
          ? (key: string, row: { view: unknown }) => void steps.push([key, row])
          : undefined;
      const { rows, changes } = foldBatch(projection, keyed, load, guard, observe);
      for (const [key, current] of rows) {
        const stored = loaded.get(key) ?? null;
        if (current.view !== null) {
          table.put(t, key, current.view, current.revision, stored);
        } else {
          if (stored !== null) table.delete(t, key, stored);
          writeTombstone(this.prepareBound, t, name, key, current.revision);
        }
      }
      if (options.checkpoint !== undefined) this.writeCheckpoint(t, name, options.checkpoint);
      // Announced only for the serving generation: a rebuild replays history nobody needs told again.
      if (this.changeLog && (options.target ?? 'active') === 'active') {
        const announced = viewChangesOf(name, observe ? steps : rows);
        if (announced.length > 0) void this.changeLog.append(announced, new Date());
      }
      return { changed: changes };
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

  /** Builds the rebuilt generation's indexes, its rows having been loaded without them (see SqliteGenerations). */
  async indexRebuild(): Promise<void> {
    this.generations.finishLoad();
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

  search(request: CallbackSearchRequest): Promise<CallbackSearchResult> {
    return this.callbacks.search(request);
  }

  count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number> {
    return this.callbacks.count(criteria, narrowing, limit);
  }

  stream(criteria: SearchCriteria, narrowing?: Narrowing, sort?: CallbackSort): AsyncIterable<CallbackView> {
    return this.callbacks.stream(criteria, narrowing, sort);
  }

  get(callbackId: string): Promise<CallbackView | null> {
    return this.callbacks.get(callbackId);
  }

  async searchChoices(): Promise<SearchChoices> {
    return this.read((t) => sqliteSearchChoices(this.prepareBound, t));
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
        // CAST: a bare `LIMIT ?` makes SQLite compile the statement again at every run (it plans with the value).
        `SELECT id FROM ${t.callbacks} WHERE registered_at < ? ORDER BY registered_at, id LIMIT CAST(? AS INTEGER)`,
      ).all(new Date(cutoffIso).toISOString(), limit) as { id: string }[];
      return rows.map((row) => row.id);
    });
  }

  async findLinkedRecordings(period: { from?: string; to?: string } = {}): Promise<LinkedRecording[]> {
    return this.read((t) => {
      // Same condition as the partial index `_linked_recording`, so SQLite reads only the linked rows.
      const rows = this.prepare(
        `SELECT id, registered_at, recording FROM ${t.callbacks}
         WHERE recording IS NOT NULL AND registered_at >= ? AND registered_at < ?
         ORDER BY registered_at, id`,
      ).all(
        period.from ? new Date(period.from).toISOString() : '',
        period.to ? new Date(period.to).toISOString() : '\uffff',
      ) as { id: string; registered_at: string; recording: string }[];
      return rows.map((row) => ({ callbackId: row.id, recordingId: row.recording, registeredAt: row.registered_at }));
    });
  }

  async deleteCallbacks(callbackIds: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      const generations = this.generations.all().map((generation) => this.generations.tables(generation));
      for (const id of callbackIds) {
        for (const t of generations) {
          this.tables.callbacks.delete(t, id);
          this.tables.callbackStats.delete(t, id);
        }
        this.prepare('INSERT OR IGNORE INTO retention_tombstones (id) VALUES (?)').run(id);
      }
    })();
    // The WAL still holds the pages as they were before the delete: copy the overwritten pages back and
    // empty it, so no file of the data dir keeps the deleted rows.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
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
