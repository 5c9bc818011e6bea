import { type ReadStore, createMongoReadStore, createSqliteReadStore, mongoDatabaseName } from '#read-store';
import type { AppConfig } from './config.js';

/** The read store of the configured family: MongoDB when `MONGO_URL` is set, else SQLite in the data dir. */
export async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.mongoUrl) {
    return createMongoReadStore({
      url: config.mongoUrl,
      databaseName: mongoDatabaseName(config.mongoUrl),
      displayTimeZone: config.displayTimeZone,
    });
  }
  return createSqliteReadStore({ dataDir: config.dataDir, displayTimeZone: config.displayTimeZone });
}
