import { type Db, MongoClient } from 'mongodb';
import { assertTimeZone, defaultDisplayTimeZone } from '../display-time.js';
import type { ReadPorts, ReadStoreAdapter } from '../read-ports.js';
import { ViewDigest, createReadProjections, readProjectionNames } from '../read-projections.js';
import type { ViewChangeLog } from '../view-changes.js';
import { MongoAccountList } from './mongo-account-list.js';
import { MongoAsyncSearchList } from './mongo-async-search-list.js';
import { MongoCallbackChoices, MongoCallbackSearch } from './mongo-callback-search.js';
import { mongoDatabaseName } from './mongo-database-name.js';
import { MongoGenerations } from './mongo-generations.js';
import { MongoLinkedRecordings } from './mongo-linked-recordings.js';
import { MongoProjectionStore } from './mongo-projection-store.js';
import { MongoCallbackRetention } from './mongo-retention.js';
import { MongoCallbackStats } from './mongo-stats.js';
import { MongoCollections, type MongoViewCodec, viewCodecs } from './mongo-views.js';
import type { ReadProjectionName } from '../read-store.port.js';

export interface MongoReadStoreOptions {
  /** `MONGO_URL`; or pass a connected `client` (then the caller closes it). */
  url?: string;
  client?: MongoClient;
  /** Default: the database named in the URL, else `orikaeshi`. */
  databaseName?: string;
  displayTimeZone?: string;
  /** The live changes feed in this store's database, appended after each view batch's rows (see ViewChangeLog). */
  changeLog?: (db: Db) => ViewChangeLog;
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
    const store = new MongoReadStore(db, timeZone, options.client ? null : client, options.changeLog?.(db) ?? null);
    await store.init();
    return store;
  } catch (error) {
    // A client we opened must not outlive a failed open (its pool would keep the process alive).
    if (!options.client) await client.close();
    throw error;
  }
}

/** Each port is its own object over the same collections and generation pointer. */
export class MongoReadStore implements ReadStoreAdapter {
  readonly ports: ReadPorts;
  private readonly generations: MongoGenerations;
  private readonly collections: MongoCollections;
  private readonly codecs: { [Name in ReadProjectionName]: MongoViewCodec<unknown> };

  constructor(
    db: Db,
    timeZone: string,
    private readonly ownClient: MongoClient | null,
    changeLog: ViewChangeLog | null = null,
  ) {
    const projections = createReadProjections(timeZone);
    this.generations = new MongoGenerations(db, projections);
    this.collections = new MongoCollections(db, (target) => this.generations.of(target));
    this.codecs = viewCodecs(timeZone);
    const { collections, generations } = this;
    this.ports = {
      callbackSearch: new MongoCallbackSearch(collections, timeZone),
      callbackChoices: new MongoCallbackChoices(collections),
      linkedRecordings: new MongoLinkedRecordings(collections),
      callbackStats: new MongoCallbackStats(collections, timeZone),
      asyncSearchList: new MongoAsyncSearchList(collections),
      accountList: new MongoAccountList(collections),
      projectionStore: new MongoProjectionStore(collections, generations, projections, this.codecs, changeLog),
      callbackRetention: new MongoCallbackRetention(collections, generations),
    };
  }

  async init(): Promise<void> {
    await this.generations.init();
  }

  async digest(): Promise<string> {
    const c = await this.collections.of();
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
