import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { readStoreContract } from '../read-store.contract.js';
import type { ReadStoreAdapter } from '../read-ports.js';
import { createMongoReadStore } from './mongo-read-store.js';

const url = process.env.MONGO_URL;

if (url) {
  // One client for the run; each store gets its own database, dropped after its test.
  const client = new MongoClient(url);
  const databases = new Map<ReadStoreAdapter, string>();
  const run = randomUUID().slice(0, 8);
  let counter = 0;
  afterAll(async () => {
    await client.close();
  });
  readStoreContract('MongoDB', {
    async open() {
      await client.connect();
      const databaseName = `orikaeshi_read_store_test_${run}_${counter++}`;
      const store = await createMongoReadStore({ client, databaseName });
      databases.set(store, databaseName);
      return store;
    },
    async dispose(store) {
      await store.close();
      await client.db(databases.get(store)).dropDatabase();
      databases.delete(store);
    },
  });
} else {
  console.log('MongoDB read-store contract suite NOT RUN: set MONGO_URL to run it');
  describe('MongoDB read store contract', () => {
    it('is not run without MONGO_URL (NOT RUN: set MONGO_URL to run it)', () => {
      expect(process.env.MONGO_URL).toBeUndefined();
    });
  });
}
