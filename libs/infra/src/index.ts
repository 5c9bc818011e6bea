export * from './csv/callbacks-csv.js';
export * from './csv/shift-jis.js';
export * from './csv/zoned-time.js';
export * from './blob-store/blob-store.port.js';
export * from './blob-store/fs/fs-blob-store.js';
export * from './blob-store/gridfs/gridfs-blob-store.js';
export * from './shared/atomic-file.js';
