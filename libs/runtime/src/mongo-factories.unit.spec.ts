import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { FakeMongoDriver } from '../../../test/support/fake-mongo-driver.js';

/**
 * The factories around the MongoDB driver, checked at the driver's boundary: `MongoClient` is replaced by
 * a fake that records which database is asked for, what is written in which order, and whether the client
 * is closed. No server involved.
 */
const driver = new FakeMongoDriver();
jest.unstable_mockModule('mongodb', () => driver.module());

const { openReadStore } = await import('./read-store-factory.js');
const { openBlobStore } = await import('./blob-store-factory.js');
const { openEventStore } = await import('./event-store-factory.js');
const { loadConfig } = await import('./config.js');
const { MongoLiveChangesFeed } = await import('#infra/mongo');

const replicaSet = 'mongodb://mongo-a:27017,mongo-b:27017/?replicaSet=rs0';

/** An event as the event store delivers it. */
function recorded(streamName: string, revision: number, type: string, data: unknown): RecordedEvent {
  const occurredAt = '2026-11-20T01:00:00.000Z';
  return {
    id: `${streamName}/${revision}`,
    streamName,
    revision,
    position: BigInt(revision + 1),
    recordedAt: new Date(occurredAt),
    type,
    data,
    metadata: {
      actor: { id: 'system', name: 'system', roles: [] },
      occurredAt,
      correlationId: 'c',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

/** The writes after opening, as `collection method`, in the order they were made. */
const writesSince = (start: number) =>
  driver.calls.slice(start).filter((call) => call.method !== 'createIndex' && call.method !== 'createIndexes');

describe('MongoDB factories', () => {
  beforeEach(() => driver.reset());

  it('put GridFS in the same database as the read store, from a multi-host string', async () => {
    const config = loadConfig({ MONGO_URL: replicaSet });
    driver.reset(); // the configuration's own parse
    const readStore = await openReadStore(config);
    const blobs = await openBlobStore(config);
    expect(driver.clients.map((client) => client.databases)).toEqual([['orikaeshi'], ['orikaeshi']]);
    await readStore.close();
    await blobs.close();
  });

  it('keep the data keys in the same database too, and close their client with the event store', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-mongo-keys-'));
    try {
      const config = loadConfig({ MONGO_URL: replicaSet, DATA_DIR: dataDir, PII_MASTER_KEY: 'ab'.repeat(32) });
      driver.reset(); // the configuration's own parse
      const eventStore = await openEventStore(config);
      expect(driver.clients.map((client) => client.databases)).toEqual([['orikaeshi']]);
      await eventStore.close();
      expect(driver.clients[0].closed).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('close the read store client when opening it fails', async () => {
    const config = loadConfig({ MONGO_URL: `${replicaSet}&authSource=admin` });
    driver.reset(); // the configuration's own parse
    driver.failWrites = new Error('not authorized on orikaeshi');
    await expect(openReadStore(config)).rejects.toThrow('not authorized');
    expect(driver.clients).toHaveLength(1);
    expect(driver.clients[0].closed).toBe(true);
  });

  it('give the MongoDB read store its live changes feed, in the same database, with its index', async () => {
    const readStore = await openReadStore(loadConfig({ MONGO_URL: replicaSet }));
    expect(readStore.liveChanges).toBeInstanceOf(MongoLiveChangesFeed);
    expect(driver.writes('createIndex')).toContainEqual(
      expect.objectContaining({ database: 'orikaeshi', collection: 'live_changes' }),
    );
    await readStore.close();
  });

  it('append a batch’s callback change to the feed after the rows and before the checkpoint', async () => {
    const readStore = await openReadStore(loadConfig({ MONGO_URL: replicaSet }));
    const start = driver.calls.length;
    const registered = recorded('callback-cb1', 0, 'CallbackRegistered', {
      callbackId: 'cb1',
      requestId: 'call-0001',
      receivedAt: '2026-11-20T01:00:00.000Z',
      registeredAt: '2026-11-20T01:00:00.000Z',
      callCenter: '東京',
      businessLabel: null,
      callerNumber: '0312345678',
      ourNumber: '0120000111',
      recordingId: null,
      registeredAtGiven: false,
    });
    await readStore.ports.projectionStore.applyEvents('callbacks', [registered], { checkpoint: 1n });

    expect(writesSince(start).map((call) => `${call.collection} ${call.method}`)).toEqual([
      'callbacks_g1 bulkWrite',
      'live_changes_seq findOneAndUpdate',
      'live_changes insertMany',
      'checkpoints_g1 updateOne',
    ]);
    const [documents] = driver.writes('insertMany')[0].args as [Record<string, unknown>[]];
    expect(documents).toEqual([
      {
        _id: 1,
        kind: 'callback.changed',
        entityId: 'cb1',
        version: 0,
        ownerAccountId: null,
        payload: { id: 'cb1', version: 0 },
        recordedAt: expect.any(Date),
      },
    ]);
    await readStore.close();
  });

  it('announce every step of an asynchronous search that one batch carries, to its owner', async () => {
    const readStore = await openReadStore(loadConfig({ MONGO_URL: replicaSet }));
    const stream = 'asyncsearch-s1';
    const batch = [
      recorded(stream, 0, 'AsyncSearchRequested', {
        asyncSearchId: 's1',
        ownerId: 'owner-1',
        criteria: {},
        memo: '',
        notify: false,
        encoding: 'utf-8',
        requestedAt: '2026-11-20T01:00:00.000Z',
      }),
      recorded(stream, 1, 'AsyncSearchStarted', { asyncSearchId: 's1', attempt: 1, startedAt: '2026-11-20T01:00:01Z' }),
      recorded(stream, 2, 'AsyncSearchSucceeded', {
        asyncSearchId: 's1',
        rowCount: 3,
        byteSize: 10,
        fileId: 'f1',
        finishedAt: '2026-11-20T01:00:02.000Z',
      }),
    ];
    await readStore.ports.projectionStore.applyEvents('asyncSearches', batch, { checkpoint: 3n });
    const [documents] = driver.writes('insertMany')[0].args as [Record<string, unknown>[]];
    expect(documents.map((d) => [d._id, d.kind, d.ownerAccountId, (d.payload as { status: string }).status])).toEqual([
      [1, 'asyncsearch.updated', 'owner-1', 'pending'],
      [2, 'asyncsearch.updated', 'owner-1', 'processing'],
      [3, 'asyncsearch.updated', 'owner-1', 'succeeded'],
    ]);
    await readStore.close();
  });

  it('announce nothing for a view the feed does not carry, nor for a batch that changes no row', async () => {
    const readStore = await openReadStore(loadConfig({ MONGO_URL: replicaSet }));
    const created = recorded('account-u1', 0, 'AccountCreated', {
      accountId: 'u1',
      name: 'Sato',
      email: null,
      roles: ['agent'],
      createdAt: '2026-11-20T01:00:00.000Z',
    });
    await readStore.ports.projectionStore.applyEvents('accounts', [created], { checkpoint: 1n });
    await readStore.ports.projectionStore.applyEvents('callbacks', [], { checkpoint: 2n });
    expect(driver.writes('insertMany')).toEqual([]);
    expect(driver.writes('bulkWrite').map((call) => call.collection)).toEqual(['accounts_g1']);
    await readStore.close();
  });
});
