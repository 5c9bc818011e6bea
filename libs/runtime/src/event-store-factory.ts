import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type EventStore, openSqliteEventStore } from '#event-store';
import type { AppConfig } from './config.js';

/** The event store of the configured family: EventStoreDB when `EVENTSTORE_URL` is set, else SQLite in the data dir. */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const { openEsdbEventStore } = await import('#event-store');
    return openEsdbEventStore(config.eventStoreUrl);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore(path.join(config.dataDir, 'events.sqlite'));
}
