import type { Db } from 'mongodb';

export interface MongoDatabase {
  db: Db;
  close(): Promise<void>;
}

/**
 * A client of `MONGO_URL` on the deployment's database (the read store's: `client.db()` alone would mean
 * `test` when the URL names none), for the adapters beside the read store (data keys, GridFS). The driver
 * is imported here, when called: only a process configured with MONGO_URL loads it.
 */
export async function connectMongoDatabase(url: string): Promise<MongoDatabase> {
  const [{ MongoClient }, { mongoDatabaseName }] = await Promise.all([import('mongodb'), import('#read-store/mongo')]);
  const client = await new MongoClient(url).connect();
  return { db: client.db(mongoDatabaseName(url)), close: () => client.close() };
}
