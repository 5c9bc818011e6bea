import { BullModule, getQueueToken } from '@nestjs/bull';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bull';
import {
  BullExportQueue,
  bullQueueOptions,
  DEFAULT_EXPORT_QUEUE_NAME,
  type BullExportQueueConfig,
} from './bull/bull-export-queue.js';
import { EXPORT_QUEUE, type ExportQueueOptions } from './export-queue.port.js';
import { InProcessExportQueue } from './in-process/in-process-export-queue.js';

export interface ExportQueueModuleConfig extends ExportQueueOptions, Omit<BullExportQueueConfig, 'redisUrl'> {
  /** `REDIS_URL`: set ⇒ Bull on Redis; absent ⇒ the in-process queue (embedded mode). */
  redisUrl?: string;
  /** Register the port for the whole application. Default false. */
  global?: boolean;
}

/**
 * Provides the `ExportQueue` port under `EXPORT_QUEUE`, choosing the adapter from configuration.
 * With Redis, the queue is registered through @nestjs/bull (which closes it on shutdown) with the same
 * options `BullExportQueue.connect` uses.
 */
@Module({})
export class ExportQueueModule {
  static forRoot(config: ExportQueueModuleConfig = {}): DynamicModule {
    const { redisUrl, global = false } = config;
    if (redisUrl) {
      const name = config.queueName ?? DEFAULT_EXPORT_QUEUE_NAME;
      return {
        module: ExportQueueModule,
        global,
        imports: [BullModule.forRoot(bullQueueOptions({ ...config, redisUrl })), BullModule.registerQueue({ name })],
        providers: [
          {
            provide: EXPORT_QUEUE,
            useFactory: (queue: Queue) => new BullExportQueue(queue, config),
            inject: [getQueueToken(name)],
          },
        ],
        exports: [EXPORT_QUEUE],
      };
    }
    return {
      module: ExportQueueModule,
      global,
      providers: [{ provide: EXPORT_QUEUE, useFactory: () => new InProcessExportQueue(config) }],
      exports: [EXPORT_QUEUE],
    };
  }
}
