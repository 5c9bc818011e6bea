// `#read-store/mongo`: the MongoDB read store (production family), apart from `#read-store` so that only a
// process configured with MONGO_URL loads the driver (see openReadStore).
export * from './mongo/mongo-read-store.js';
export * from './mongo/mongo-database-name.js';
