// `#event-store/esdb`: the EventStoreDB adapter (production family), apart from `#event-store` so that only
// a process configured with EVENTSTORE_URL loads @eventstore/db-client (see openEventStore).
export * from './esdb/esdb-event-store.js';
export * from './esdb/esdb-position.js';
