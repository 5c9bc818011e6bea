import { mkdirSync } from 'node:fs';
import { type EventStore, openSqliteEventStore } from '#event-store';
import { openSqliteKeyStore } from '#infra';
import { type KeyStore, type Upcaster, eventUpcasters, withPersonalData, withUpcasting } from '#kernel';
import type { AppConfig } from './config.js';
import { connectMongoDatabase } from './mongo-database.js';
import { resolvePiiMasterKey } from './pii-master-key.js';
import { embeddedSqliteFile, walAutoCheckpointPages } from './sqlite-files.js';

/**
 * The event store of the configured family (EventStoreDB when `EVENTSTORE_URL` is set, else SQLite in the
 * data dir), encrypting personal fields on append and decrypting them on read (data keys in MongoDB when
 * `MONGO_URL` is set, else `keys.sqlite` in the data dir), then upcasting every event it reads. The
 * production family's adapters (and their clients) are imported only when configured.
 */
export async function openEventStore(
  config: AppConfig,
  upcasters: readonly Upcaster[] = eventUpcasters,
): Promise<EventStore> {
  mkdirSync(config.dataDir, { recursive: true });
  const masterKey = await resolvePiiMasterKey(config);
  const keyStore = await openKeyStore(config);
  let raw: EventStore;
  if (config.eventStoreUrl) {
    const { openEsdbEventStore } = await import('#event-store/esdb');
    raw = await openEsdbEventStore(config.eventStoreUrl);
  } else {
    raw = openSqliteEventStore(embeddedSqliteFile(config, 'events'), {
      walAutoCheckpointPages: walAutoCheckpointPages(config),
    });
  }
  return withUpcasting(withPersonalData(raw, { keyStore, masterKey }), upcasters);
}

async function openKeyStore(config: AppConfig): Promise<KeyStore> {
  if (config.mongoUrl) {
    const [{ MongoKeyStore }, mongo] = await Promise.all([
      import('#infra/mongo'),
      connectMongoDatabase(config.mongoUrl),
    ]);
    return new MongoKeyStore(mongo.db, () => mongo.close());
  }
  return openSqliteKeyStore(embeddedSqliteFile(config, 'keys'), {
    walAutoCheckpointPages: walAutoCheckpointPages(config),
  });
}
