import { createRequire } from 'node:module';

/**
 * A stand-in for the `mongodb` driver at its boundary, for tests of our code around the client (which
 * database is asked for, what is written in which order): no server is involved and nothing is claimed
 * about one. Install it before importing the code under test:
 *
 *   const driver = new FakeMongoDriver();
 *   jest.unstable_mockModule('mongodb', () => driver.module());
 *
 * Every collection starts empty; writes are recorded in `calls`, in order. The read store's generation
 * pointer (`meta`) answers generation 1.
 */
export class FakeMongoDriver {
  readonly clients: FakeClient[] = [];
  readonly calls: DriverCall[] = [];
  /** Makes every `updateOne` fail (a server refusing writes). */
  failWrites: Error | null = null;
  private readonly counters = new Map<string, number>();

  /** The module `jest.unstable_mockModule('mongodb', …)` should answer. */
  module(): Record<string, unknown> {
    const actual = createRequire(import.meta.url)('mongodb') as Record<string, unknown>;
    const collection = (database: string, name: string) => this.collection(database, name);
    const clients = this.clients;
    class MongoClient extends FakeClient {
      constructor(url: string) {
        super(collection, url);
        clients.push(this);
      }
    }
    class GridFSBucket {
      constructor(readonly db: unknown) {}
    }
    return { ...actual, MongoClient, GridFSBucket };
  }

  /** The recorded calls of one method, as `database.collection`. */
  writes(method: string): DriverCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  reset(): void {
    this.clients.splice(0);
    this.calls.splice(0);
    this.counters.clear();
    this.failWrites = null;
  }

  private collection(database: string, name: string) {
    const record = (method: string, args: unknown[]) =>
      void this.calls.push({ database, collection: name, method, args });
    const counters = this.counters;
    const failWrites = () => this.failWrites;
    return {
      collectionName: name,
      async findOne() {
        return name === 'meta' ? { _id: 'generations', active: 1, rebuilding: null, next: 2, versions: {} } : null;
      },
      find() {
        return emptyCursor();
      },
      async countDocuments() {
        return 0;
      },
      async distinct() {
        return [];
      },
      async updateOne(...args: unknown[]) {
        record('updateOne', args);
        const failure = failWrites();
        if (failure) throw failure;
        return { modifiedCount: 1 };
      },
      async bulkWrite(...args: unknown[]) {
        record('bulkWrite', args);
        return {};
      },
      async insertMany(...args: unknown[]) {
        record('insertMany', args);
        return {};
      },
      async deleteMany(...args: unknown[]) {
        record('deleteMany', args);
        return { deletedCount: 0 };
      },
      async findOneAndUpdate(filter: { _id: string }, update: { $inc?: Record<string, number> }) {
        record('findOneAndUpdate', [filter, update]);
        const key = `${database}.${name}.${filter._id}`;
        const seq = (counters.get(key) ?? 0) + (update.$inc?.seq ?? 0);
        counters.set(key, seq);
        return { _id: filter._id, seq };
      },
      async createIndex(...args: unknown[]) {
        record('createIndex', args);
        return 'index';
      },
      async createIndexes(...args: unknown[]) {
        record('createIndexes', args);
        return [];
      },
    };
  }
}

export interface DriverCall {
  database: string;
  collection: string;
  method: string;
  args: unknown[];
}

class FakeClient {
  readonly databases: string[] = [];
  closed = false;

  constructor(
    private readonly collection: (database: string, name: string) => unknown,
    readonly url: string,
  ) {}

  async connect() {
    return this;
  }

  db(name?: string) {
    const database = name ?? '(driver default: test)';
    this.databases.push(database);
    return {
      databaseName: database,
      collection: (name: string) => this.collection(database, name),
      listCollections: () => ({ toArray: async () => [] }),
    };
  }

  async close() {
    this.closed = true;
  }
}

function emptyCursor() {
  const cursor = {
    sort: () => cursor,
    skip: () => cursor,
    limit: () => cursor,
    batchSize: () => cursor,
    toArray: async () => [],
    close: async () => undefined,
    async *[Symbol.asyncIterator]() {},
  };
  return cursor;
}
