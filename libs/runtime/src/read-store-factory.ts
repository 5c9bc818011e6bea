import { type ReadStore, createMongoReadStore, createSqliteReadStore, mongoDatabaseName } from '#read-store';
import { type LiveChangesFeed, SqliteLiveChangesFeed } from '#infra';
import type { AppConfig } from './config.js';

const feeds = new WeakMap<ReadStore, LiveChangesFeed>();

/**
 * The live changes feed kept with a read store opened by `openReadStore` (the projector appends to it with
 * each view batch; the API's LiveEventHub tails it), or null when that store has none (MongoDB: not wired yet).
 */
export function liveChangesFeedOf(readStore: ReadStore): LiveChangesFeed | null {
  return feeds.get(readStore) ?? null;
}

/** The read store of the configured family: MongoDB when `MONGO_URL` is set, else SQLite in the data dir. */
export async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.mongoUrl) {
    return createMongoReadStore({
      url: config.mongoUrl,
      databaseName: mongoDatabaseName(config.mongoUrl),
      displayTimeZone: config.displayTimeZone,
    });
  }
  let feed: SqliteLiveChangesFeed | null = null;
  const store = createSqliteReadStore({
    dataDir: config.dataDir,
    displayTimeZone: config.displayTimeZone,
    changeLog: (db) => (feed = new SqliteLiveChangesFeed(db)),
  });
  if (feed) feeds.set(store, feed);
  return store;
}
