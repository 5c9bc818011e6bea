export * from './event-store.port.js';
export * from './sqlite/sqlite-event-store.js';
export * from './esdb/esdb-event-store.js';
export * from './esdb/esdb-position.js';
// The contract suite (event-store.contract.ts) is deliberately not re-exported: it imports @jest/globals,
// which production code must not load. Tests import it by relative path.
