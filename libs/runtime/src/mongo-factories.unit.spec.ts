import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';

/**
 * The factories around the MongoDB driver, checked at the driver's boundary: `MongoClient` is replaced by
 * a fake that records which database is asked for and whether the client is closed. No server involved.
 */
const actual = createRequire(import.meta.url)('mongodb') as typeof import('mongodb');

const clients: FakeMongoClient[] = [];
let failWrites: Error | null = null;

class FakeMongoClient {
  readonly databases: string[] = [];
  closed = false;
  constructor(readonly url: string) {
    clients.push(this);
  }
  async connect() {
    return this;
  }
  db(name?: string) {
    this.databases.push(name ?? '(driver default: test)');
    const collection = {
      updateOne: async () => {
        if (failWrites) throw failWrites;
        return { modifiedCount: 1 };
      },
      findOne: async () => ({ _id: 'generations', active: 1, rebuilding: null, next: 2, versions: {} }),
      createIndexes: async () => [],
    };
    return { collection: () => collection, databaseName: name };
  }
  async close() {
    this.closed = true;
  }
}

class FakeGridFsBucket {
  constructor(readonly db: unknown) {}
}

jest.unstable_mockModule('mongodb', () => ({
  ...actual,
  MongoClient: FakeMongoClient,
  GridFSBucket: FakeGridFsBucket,
}));

const { openReadStore } = await import('./read-store-factory.js');
const { openBlobStore } = await import('./blob-store-factory.js');
const { loadConfig } = await import('./config.js');

const replicaSet = 'mongodb://mongo-a:27017,mongo-b:27017/?replicaSet=rs0';

describe('MongoDB factories', () => {
  beforeEach(() => {
    clients.splice(0);
    failWrites = null;
  });

  it('put GridFS in the same database as the read store, from a multi-host string', async () => {
    const config = loadConfig({ MONGO_URL: replicaSet });
    clients.splice(0); // the configuration's own parse
    const readStore = await openReadStore(config);
    const blobs = await openBlobStore(config);
    expect(clients.map((client) => client.databases)).toEqual([['orikaeshi'], ['orikaeshi']]);
    await readStore.close();
    await blobs.close();
  });

  it('close the read store client when opening it fails', async () => {
    failWrites = new Error('not authorized on orikaeshi');
    const config = loadConfig({ MONGO_URL: `${replicaSet}&authSource=admin` });
    clients.splice(0); // the configuration's own parse
    await expect(openReadStore(config)).rejects.toThrow('not authorized');
    expect(clients).toHaveLength(1);
    expect(clients[0].closed).toBe(true);
  });
});
