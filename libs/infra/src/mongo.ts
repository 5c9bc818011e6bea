// `#infra/mongo`: the adapters on MongoDB (production family), apart from `#infra` so that only a process
// configured with MONGO_URL loads the driver (see the factories in libs/runtime).
export * from './blob-store/gridfs/gridfs-blob-store.js';
export * from './live-events/mongo/mongo-live-changes-feed.js';
export * from './key-store/mongo-key-store.js';
