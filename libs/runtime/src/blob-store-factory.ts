import { type BlobStore, FsBlobStore, GridFsBlobStore } from '#infra';
import type { AppConfig } from './config.js';

export interface OpenedBlobStore {
  blobStore: BlobStore;
  /** Releases the connection (GridFS); a no-op for the directory. */
  close(): Promise<void>;
}

/** Export files: MongoDB GridFS when `MONGO_URL` is set, else `<DATA_DIR>/exports`. */
export async function openBlobStore(config: AppConfig): Promise<OpenedBlobStore> {
  if (config.mongoUrl) {
    const { MongoClient } = await import('mongodb');
    const client = await new MongoClient(config.mongoUrl).connect();
    return { blobStore: new GridFsBlobStore(client.db()), close: () => client.close() };
  }
  return { blobStore: FsBlobStore.forExports(config.dataDir), close: async () => undefined };
}
