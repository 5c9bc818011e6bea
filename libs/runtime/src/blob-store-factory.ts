import { type BlobStore, FsBlobStore } from '#infra';
import type { AppConfig } from './config.js';
import { connectMongoDatabase } from './mongo-database.js';

export interface OpenedBlobStore {
  blobStore: BlobStore;
  /** Releases the connection (GridFS); a no-op for the directory. */
  close(): Promise<void>;
}

/**
 * Export files: MongoDB GridFS when `MONGO_URL` is set, else `<DATA_DIR>/exports`. GridFS lives in the
 * read store's database (`client.db()` alone would mean `test` when the URL names none).
 */
export async function openBlobStore(config: AppConfig): Promise<OpenedBlobStore> {
  return openBlobStoreOf(config, 'exports');
}

/** Uploaded recordings: the GridFS bucket `recordings`, else `<DATA_DIR>/recordings`. */
export async function openRecordingBlobStore(config: AppConfig): Promise<OpenedBlobStore> {
  return openBlobStoreOf(config, 'recordings');
}

async function openBlobStoreOf(config: AppConfig, kind: 'exports' | 'recordings'): Promise<OpenedBlobStore> {
  if (config.mongoUrl) {
    const [{ GridFsBlobStore }, mongo] = await Promise.all([
      import('#infra/mongo'),
      connectMongoDatabase(config.mongoUrl),
    ]);
    return { blobStore: new GridFsBlobStore(mongo.db, kind), close: () => mongo.close() };
  }
  const directory =
    kind === 'exports' ? FsBlobStore.forExports(config.dataDir) : FsBlobStore.forRecordings(config.dataDir);
  return { blobStore: directory, close: async () => undefined };
}
