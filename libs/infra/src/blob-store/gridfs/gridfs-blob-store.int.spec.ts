import { describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { describeBlobStoreContract } from '../blob-store.contract.js';
import { GridFsBlobStore } from './gridfs-blob-store.js';

const mongoUrl = process.env.MONGO_URL;

if (mongoUrl) {
  describeBlobStoreContract('MongoDB GridFS', async () => {
    const client = await MongoClient.connect(mongoUrl);
    // A database per run, dropped afterwards, so runs never see each other's files.
    const db = client.db(`orikaeshi_blob_contract_${process.pid}_${Date.now()}`);
    return {
      store: new GridFsBlobStore(db),
      close: async () => {
        await db.dropDatabase();
        await client.close();
      },
    };
  });
} else {
  // Said plainly on every run: there is no MongoDB server here, and we never fake one.
  console.warn('GridFS blob-store contract suite NOT RUN: set MONGO_URL to run it');
  describe('BlobStore contract: MongoDB GridFS', () => {
    it('is not run because MONGO_URL is not set', () => {
      expect(process.env.MONGO_URL).toBeUndefined();
    });
  });
}
