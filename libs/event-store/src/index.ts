export * from './event-store.port.js';
export * from './sqlite/sqlite-event-store.js';
// The EventStoreDB adapter has an entry of its own (`#event-store/esdb`, esdb.ts), imported only when
// EVENTSTORE_URL is set: loading its gRPC client costs every thread ~27 MB and half a second.
// The contract suite (event-store.contract.ts) is deliberately not re-exported: it imports @jest/globals,
// which production code must not load. Tests import it by relative path.
