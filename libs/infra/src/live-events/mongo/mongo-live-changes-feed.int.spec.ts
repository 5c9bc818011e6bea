import { afterAll, describe, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeLiveChangesFeedContract } from '../live-changes-feed.contract.js';
import { MongoLiveChangesFeed } from './mongo-live-changes-feed.js';

const mongoUrl = process.env.MONGO_URL;

if (!mongoUrl) {
  console.log('MongoDB live-changes feed contract suite NOT RUN: set MONGO_URL to run it');
  describe('MongoLiveChangesFeed', () => {
    it('is not run without MONGO_URL (MongoDB live-changes feed contract suite NOT RUN)', () => {});
  });
} else {
  const client = new MongoClient(mongoUrl);
  const databases: string[] = [];
  afterAll(async () => {
    for (const name of databases) await client.db(name).dropDatabase();
    await client.close();
  });
  describeLiveChangesFeedContract('MongoDB', async () => {
    const name = `orikaeshi-test-feed-${randomUUID().slice(0, 8)}`;
    databases.push(name);
    const feed = new MongoLiveChangesFeed(client.db(name));
    await feed.ensureIndexes();
    return feed;
  });
}
