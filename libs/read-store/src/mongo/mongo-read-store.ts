import { type AnyBulkWriteOperation, type Db, type Document, MongoBulkWriteError, MongoClient } from 'mongodb';
import type { SearchCriteria } from '#domain';
import type { CallbackView } from '../callback-view.js';
import type { RecordedEvent } from '#event-store';
import { assertTimeZone, defaultDisplayTimeZone } from '../display-time.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import {
  type Projection,
  type StoredRow,
  foldBatch,
  keyedEvents,
  retentionRevision,
} from '../projections/projection.js';
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
  type SearchChoices,
  SearchLimitExceededError,
} from '../read-store.port.js';
import { type Narrowing, toCallbackFilter } from '../search-filter.js';
import type { CallbackStatsGroup, CallbackStatsQuery } from '../stats.js';
import { callbackQuery, callbackSort } from './mongo-filter.js';
import { mongoDatabaseName } from './mongo-database-name.js';
import { MongoGenerations } from './mongo-generations.js';
import { mongoCallbackStats } from './mongo-stats.js';
import {
  type MongoViewCodec,
  asyncSearchCodec,
  callbackCodec,
  collectionNames,
  retentionCollection,
  statsCodec,
} from './mongo-views.js';

export interface MongoReadStoreOptions {
  /** `MONGO_URL`; or pass a connected `client` (then the caller closes it). */
  url?: string;
  client?: MongoClient;
  /** Default: the database named in the URL, else `orikaeshi`. */
  databaseName?: string;
  displayTimeZone?: string;
}

/** The production read store: MongoDB collections per generation, indexes created at start. */
export async function createMongoReadStore(options: MongoReadStoreOptions): Promise<MongoReadStore> {
  const timeZone = options.displayTimeZone ?? defaultDisplayTimeZone;
  assertTimeZone(timeZone);
  if (!options.client && !options.url) throw new Error('createMongoReadStore needs a url or a client');
  const client = options.client ?? new MongoClient(options.url!);
  try {
    if (!options.client) await client.connect();
    const db = client.db(options.databaseName ?? mongoDatabaseName(options.url));
    const store = new MongoReadStore(db, timeZone, options.client ? null : client);
    await store.init();
    return store;
  } catch (error) {
    // A client we opened must not outlive a failed open (its pool would keep the process alive).
    if (!options.client) await client.close();
    throw error;
  }
}

const duplicateKey = 11000;

export class MongoReadStore implements ReadStore {
  readonly projectionNames = readProjectionNames;
  private readonly projections: ReadProjections;
  private readonly generations: MongoGenerations;
  private readonly codecs: { [Name in ReadProjectionName]: MongoViewCodec<unknown> };

  constructor(
    private readonly db: Db,
    private readonly timeZone: string,
    private readonly ownClient: MongoClient | null,
  ) {
    this.projections = createReadProjections(timeZone);
    this.generations = new MongoGenerations(db, this.projections);
    this.codecs = {
      callbacks: callbackCodec(timeZone) as MongoViewCodec<unknown>,
      callbackStats: statsCodec as MongoViewCodec<unknown>,
      asyncSearches: asyncSearchCodec as MongoViewCodec<unknown>,
    };
  }

  async init(): Promise<void> {
    await this.generations.init();
  }

  private async collections(target: ProjectionTarget = 'active') {
    const names = collectionNames(await this.generations.of(target));
    return {
      callbacks: this.db.collection(names.callbacks),
      callbackStats: this.db.collection(names.callbackStats),
      asyncSearches: this.db.collection(names.asyncSearches),
      tombstones: this.db.collection<{ _id: string; revision: number }>(names.tombstones),
      checkpoints: this.db.collection<{ _id: string; position: string }>(names.checkpoints),
    };
  }

  /**
   * Loads the batch's rows once, folds the events in memory through the revision guard, then writes
   * each changed row with the guard repeated in the filter (`revision < new`): without multi-document
   * transactions (standalone servers have none) a crash mid-batch leaves rows that a replay skips.
   * The checkpoint is written only after the rows.
   */
  async applyEvents(
    name: ReadProjectionName,
    events: readonly RecordedEvent[],
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const projection = this.projections[name] as Projection<unknown>;
    const codec = this.codecs[name];
    const c = await this.collections(options.target);
    const keyed = keyedEvents(projection, events);
    const keys = [...new Set(keyed.map((k) => k.key))];
    const rows = new Map<string, StoredRow<unknown>>();
    if (keys.length > 0) {
      for (const doc of await c[name].find({ _id: { $in: keys } } as Document).toArray()) {
        rows.set(doc._id as unknown as string, { view: codec.fromDoc(doc), revision: doc.revision as number });
      }
      const tombstoneIds = keys.filter((key) => !rows.has(key)).map((key) => `${name}:${key}`);
      for (const doc of await c.tombstones.find({ _id: { $in: tombstoneIds } }).toArray()) {
        rows.set(doc._id.slice(name.length + 1), { view: null, revision: doc.revision });
      }
      if (name !== 'asyncSearches') {
        const retained = this.db.collection<{ _id: string }>(retentionCollection);
        for (const doc of await retained.find({ _id: { $in: keys } }).toArray()) {
          rows.set(doc._id, { view: null, revision: retentionRevision });
        }
      }
    }
    const { rows: changed } = foldBatch(projection, keyed, (key) => rows.get(key) ?? null, options);
    await this.writeRows(name, c, changed);
    if (options.checkpoint !== undefined) {
      await c.checkpoints.updateOne(
        { _id: name },
        { $set: { position: options.checkpoint.toString() } },
        { upsert: true },
      );
    }
    return { changed: changed.size };
  }

  private async writeRows(
    name: ReadProjectionName,
    c: Awaited<ReturnType<MongoReadStore['collections']>>,
    changed: Map<string, StoredRow<unknown>>,
  ): Promise<void> {
    const rowOps: AnyBulkWriteOperation[] = [];
    const tombstoneOps: AnyBulkWriteOperation<{ _id: string; revision: number }>[] = [];
    const retained: string[] = [];
    for (const [key, row] of changed) {
      const guard = { _id: key, revision: { $lt: row.revision } } as Document;
      if (row.view !== null) {
        rowOps.push({
          replaceOne: {
            filter: guard,
            replacement: this.codecs[name].toDoc(key, row.view, row.revision),
            upsert: true,
          },
        });
        continue;
      }
      rowOps.push({ deleteOne: { filter: guard } });
      if (row.revision === retentionRevision) retained.push(key);
      else
        tombstoneOps.push({
          updateOne: { filter: { _id: `${name}:${key}` }, update: { $max: { revision: row.revision } }, upsert: true },
        });
    }
    await ignoringDuplicates(rowOps.length > 0 ? c[name].bulkWrite(rowOps, { ordered: false }) : null);
    if (tombstoneOps.length > 0) await c.tombstones.bulkWrite(tombstoneOps, { ordered: false });
    await this.retain(retained);
  }

  private async retain(callbackIds: readonly string[]): Promise<void> {
    if (callbackIds.length === 0) return;
    await this.db.collection<{ _id: string }>(retentionCollection).bulkWrite(
      callbackIds.map((id) => ({
        updateOne: { filter: { _id: id }, update: { $set: { retained: true } }, upsert: true },
      })),
      { ordered: false },
    );
  }

  async getCheckpoint(name: ReadProjectionName, target: ProjectionTarget = 'active'): Promise<bigint | null> {
    const doc = await (await this.collections(target)).checkpoints.findOne({ _id: name });
    return doc ? BigInt(doc.position) : null;
  }

  async setCheckpoint(name: ReadProjectionName, position: bigint, target: ProjectionTarget = 'active'): Promise<void> {
    const { checkpoints } = await this.collections(target);
    await checkpoints.updateOne({ _id: name }, { $set: { position: position.toString() } }, { upsert: true });
  }

  beginRebuild(): Promise<RebuildStatus> {
    return this.generations.begin();
  }

  commitRebuild(): Promise<RebuildStatus> {
    return this.generations.commit();
  }

  abortRebuild(): Promise<RebuildStatus> {
    return this.generations.abort();
  }

  rebuildStatus(): Promise<RebuildStatus> {
    return this.generations.status();
  }

  async search(request: CallbackSearchRequest): Promise<CallbackSearchResult> {
    const { page, pageSize, cap } = request;
    if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer ≥ 1');
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be an integer ≥ 1');
    const query = callbackQuery(toCallbackFilter(request.criteria, request.narrowing, this.timeZone));
    const { callbacks } = await this.collections();
    const total = await callbacks.countDocuments(query, { limit: cap + 1 });
    if (total > cap) throw new SearchLimitExceededError(cap, total);
    if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total };
    const docs = await callbacks
      .find(query, { projection: { view: 1 } })
      .sort(callbackSort(request.sort ?? '-registeredAt'))
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .toArray();
    return { items: docs.map((doc) => doc.view as CallbackView), total };
  }

  async count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number> {
    const query = callbackQuery(toCallbackFilter(criteria, narrowing, this.timeZone));
    const { callbacks } = await this.collections();
    return callbacks.countDocuments(query, limit === undefined ? {} : { limit });
  }

  /** One server cursor read in batches: constant memory whatever the number of rows. */
  async *stream(
    criteria: SearchCriteria,
    narrowing?: Narrowing,
    sort: CallbackSort = '-registeredAt',
  ): AsyncIterable<CallbackView> {
    const query = callbackQuery(toCallbackFilter(criteria, narrowing, this.timeZone));
    const { callbacks } = await this.collections();
    const cursor = callbacks
      .find(query, { projection: { view: 1 } })
      .sort(callbackSort(sort))
      .batchSize(1000);
    try {
      for await (const doc of cursor) yield doc.view as CallbackView;
    } finally {
      await cursor.close();
    }
  }

  async get(callbackId: string): Promise<CallbackView | null> {
    const doc = await (await this.collections()).callbacks.findOne({ _id: callbackId } as Document);
    return doc ? (doc.view as CallbackView) : null;
  }

  /** `distinct` on a field that leads an index is a DISTINCT_SCAN: one index seek per value. */
  async searchChoices(): Promise<SearchChoices> {
    const { callbacks } = await this.collections();
    const values = async (field: string) =>
      ((await callbacks.distinct(field)) as (string | null)[])
        .filter((value): value is string => typeof value === 'string')
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const [callCenters, businessLabels, agents] = await Promise.all([
      values('callCenter'),
      values('businessLabel'),
      values('agent'),
    ]);
    return { callCenters, businessLabels, agents };
  }

  async callbackStats(query: CallbackStatsQuery): Promise<CallbackStatsGroup[]> {
    return mongoCallbackStats((await this.collections()).callbackStats, query, this.timeZone);
  }

  async listAsyncSearches(ownerId: string): Promise<AsyncSearchListRow[]> {
    const { asyncSearches } = await this.collections();
    const docs = await asyncSearches.find({ ownerId }).sort({ requestedAt: -1, _id: -1 }).toArray();
    return docs.map((doc) => asyncSearchCodec.fromDoc(doc));
  }

  async getAsyncSearch(asyncSearchId: string): Promise<AsyncSearchListRow | null> {
    const doc = await (await this.collections()).asyncSearches.findOne({ _id: asyncSearchId } as Document);
    return doc ? asyncSearchCodec.fromDoc(doc) : null;
  }

  async findRegisteredBefore(cutoffIso: string, limit: number): Promise<string[]> {
    const { callbacks } = await this.collections();
    const docs = await callbacks
      .find({ registeredAt: { $lt: new Date(cutoffIso).toISOString() } }, { projection: { _id: 1 } })
      .sort({ registeredAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => doc._id as unknown as string);
  }

  /** Tombstones first: a projector racing this deletion then cannot re-create the rows. */
  async deleteCallbacks(callbackIds: readonly string[]): Promise<void> {
    if (callbackIds.length === 0) return;
    await this.retain(callbackIds);
    for (const generation of await this.generations.all()) {
      const names = collectionNames(generation);
      const filter = { _id: { $in: [...callbackIds] } } as Document;
      await this.db.collection(names.callbacks).deleteMany(filter);
      await this.db.collection(names.callbackStats).deleteMany(filter);
    }
  }

  async digest(): Promise<string> {
    const c = await this.collections();
    const digest = new ViewDigest();
    for (const name of readProjectionNames) {
      for await (const doc of c[name].find({}).sort({ _id: 1 })) {
        digest.add(name, doc._id as unknown as string, doc.revision as number, this.codecs[name].fromDoc(doc));
      }
    }
    return digest.hex();
  }

  async close(): Promise<void> {
    await this.ownClient?.close();
  }
}

/** A guarded upsert that finds a newer row fails with a duplicate key: that is the guard saying no. */
async function ignoringDuplicates(write: Promise<unknown> | null): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof MongoBulkWriteError) {
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.every((e) => e.code === duplicateKey)) return;
    }
    throw error;
  }
}
