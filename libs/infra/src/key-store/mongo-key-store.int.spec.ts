import { describe, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { keyStoreContract } from './key-store.contract.js';
import { MongoKeyStore } from './mongo-key-store.js';

const mongoUrl = process.env.MONGO_URL;

if (mongoUrl) {
  keyStoreContract('MongoDB', async () => {
    const client = await MongoClient.connect(mongoUrl);
    return new MongoKeyStore(client.db(`orikaeshi_keys_${process.pid}`), async () => {
      await client.db(`orikaeshi_keys_${process.pid}`).dropDatabase();
      await client.close();
    });
  });
} else {
  describe('key store contract: MongoDB', () => {
    it('NOT RUN: set MONGO_URL to run the MongoDB key store contract', () => {
      console.warn('MongoDB key store contract NOT RUN (MONGO_URL is not set)');
    });
  });
}
