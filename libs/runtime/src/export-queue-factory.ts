import { type ExportQueue, type ExportQueueOptions, InProcessExportQueue } from '#infra';
import type { AppConfig } from './config.js';

/**
 * The async-search job queue: Bull on Redis when `REDIS_URL` is set, else the in-process queue. The
 * in-process queue works only when the dispatcher and the worker share the process (embedded family).
 * Bull and ioredis are imported only when `REDIS_URL` is set.
 */
export async function openExportQueue(
  config: Pick<AppConfig, 'redisUrl' | 'queuePrefix'>,
  options: ExportQueueOptions & { prefix?: string; queueName?: string } = {},
): Promise<ExportQueue> {
  if (config.redisUrl) {
    const { BullExportQueue } = await import('#infra/redis');
    return BullExportQueue.connect({ prefix: config.queuePrefix, ...options, redisUrl: config.redisUrl });
  }
  return new InProcessExportQueue(options);
}

/** Whether queued jobs survive a restart (and so the dispatch reactor may keep a durable checkpoint). */
export function isDurableQueue(config: Pick<AppConfig, 'redisUrl'>): boolean {
  return config.redisUrl !== null;
}
