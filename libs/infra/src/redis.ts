// `#infra/redis`: the adapters on Redis (production family), apart from `#infra` so that only a process
// configured with REDIS_URL loads Bull and ioredis (see the factories in libs/runtime).
export * from './queue/bull/bull-export-queue.js';
export * from './queue/export-queue.module.js';
export * from './session-store/redis/redis-session-store.js';
export * from './sign-in-throttle/redis/redis-sign-in-throttle.js';
