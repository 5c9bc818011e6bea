export * from './csv/callbacks-csv.js';
export * from './csv/shift-jis.js';
export * from './blob-store/blob-store.port.js';
export * from './blob-store/fs/fs-blob-store.js';
export * from './shared/atomic-file.js';
export * from './queue/export-queue.port.js';
export * from './queue/in-process/in-process-export-queue.js';
export * from './mail/mail-notifier.js';
export * from './passwords/password-hasher.js';
export * from './session-store/session-store.port.js';
export * from './session-store/sqlite/sqlite-session-store.js';
export * from './sign-in-throttle/sign-in-throttle.port.js';
export * from './sign-in-throttle/sqlite/sqlite-sign-in-throttle.js';
export * from './browser-auth/csrf.js';
export * from './browser-auth/browser-cookies.js';
export * from './live-events/live-changes-feed.port.js';
export * from './live-events/sqlite/sqlite-live-changes-feed.js';
export * from './live-events/live-event-hub.js';
export * from './shared/sqlite-file.js';
export * from './csv/recordings-index-csv.js';
export * from './recordings/audio-type.js';
export * from './recordings/byte-limit.js';
export * from './recordings/recording-file-name.js';
export * from './recordings/recordings-zip.js';
export * from './key-store/sqlite-key-store.js';
// The adapters on MongoDB and on Redis have entries of their own (`#infra/mongo`, `#infra/redis`), imported
// only when MONGO_URL / REDIS_URL is set.
