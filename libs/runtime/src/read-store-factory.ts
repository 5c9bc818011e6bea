import { type ReadStoreAdapter, createSqliteReadStore } from '#read-store';
import { type LiveChangesFeed, SqliteLiveChangesFeed } from '#infra';
import type { MongoLiveChangesFeed } from '#infra/mongo';
import type { AppConfig } from './config.js';

/**
 * The read store a process opened: its narrow ports (bound one by one to their tokens by the platform), the
 * live changes feed the projector appends with each view batch and the API's LiveEventHub tails, and what
 * only the owner does (digest, close).
 */
export interface ReadStoreHandle extends ReadStoreAdapter {
  readonly liveChanges: LiveChangesFeed;
}

/** The handle as a provider of the process (the platform opens and closes it). */
export const READ_STORE_HANDLE = Symbol('READ_STORE_HANDLE');

/**
 * The read store of the configured family, with its feed: MongoDB when `MONGO_URL` is set (the driver
 * imported only then), else SQLite in the data dir.
 */
export async function openReadStore(config: AppConfig): Promise<ReadStoreHandle> {
  if (config.mongoUrl) {
    const [{ createMongoReadStore, mongoDatabaseName }, { MongoLiveChangesFeed }] = await Promise.all([
      import('#read-store/mongo'),
      import('#infra/mongo'),
    ]);
    // The feed lives in the store's database; the store appends to it after each batch's rows.
    const mongo: { feed?: MongoLiveChangesFeed } = {};
    const store = await createMongoReadStore({
      url: config.mongoUrl,
      databaseName: mongoDatabaseName(config.mongoUrl),
      displayTimeZone: config.displayTimeZone,
      changeLog: (db) => (mongo.feed = new MongoLiveChangesFeed(db)),
    });
    try {
      await mongo.feed!.ensureIndexes();
    } catch (error) {
      await store.close();
      throw error;
    }
    return handle(store, mongo.feed!);
  }
  // The feed is a table of the store's own file, appended inside each batch's transaction.
  const sqlite: { feed?: SqliteLiveChangesFeed } = {};
  const store = createSqliteReadStore({
    dataDir: config.dataDir,
    displayTimeZone: config.displayTimeZone,
    changeLog: (db) => (sqlite.feed = new SqliteLiveChangesFeed(db)),
  });
  return handle(store, sqlite.feed!);
}

function handle(store: ReadStoreAdapter, liveChanges: LiveChangesFeed): ReadStoreHandle {
  return {
    ports: store.ports,
    liveChanges,
    digest: () => store.digest(),
    close: () => store.close(),
  };
}
