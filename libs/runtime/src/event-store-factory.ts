import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type EventStore, openSqliteEventStore } from '#event-store';
import { type Upcaster, eventUpcasters, withUpcasting } from '#kernel';
import type { AppConfig } from './config.js';

/**
 * The event store of the configured family (EventStoreDB when `EVENTSTORE_URL` is set, else SQLite in the
 * data dir), upcasting every event it reads.
 */
export async function openEventStore(
  config: AppConfig,
  upcasters: readonly Upcaster[] = eventUpcasters,
): Promise<EventStore> {
  if (config.eventStoreUrl) {
    const { openEsdbEventStore } = await import('#event-store');
    return withUpcasting(await openEsdbEventStore(config.eventStoreUrl), upcasters);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return withUpcasting(openSqliteEventStore(path.join(config.dataDir, 'events.sqlite')), upcasters);
}
