import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EXPORT_QUEUE, type ExportQueue } from '#infra';
import { APP_CONFIG, type AppConfig, isDurableQueue } from '#runtime';
import { AsyncSearchDispatcher } from './async-search-dispatcher.js';
import { FileDispatchCheckpoint, MemoryDispatchCheckpoint } from './dispatch-checkpoint.js';

export interface DispatchOptions {
  /**
   * `durable`: resume from a checkpoint file when the queue is durable (Bull), else replay from the start;
   * `replay`: always replay (a process whose in-process queue lost its jobs with it). Null: no dispatch.
   */
  checkpoint: 'durable' | 'replay' | null;
  backoffMs?: number;
}

/** The async-search dispatch reactor of a host (null when the host does not dispatch). */
export function dispatcherProvider(options: DispatchOptions): Provider {
  return {
    provide: AsyncSearchDispatcher,
    inject: [EVENT_STORE, APP_CONFIG, { token: EXPORT_QUEUE, optional: true }],
    useFactory: (eventStore: EventStore, config: AppConfig, queue: ExportQueue | undefined) => {
      if (options.checkpoint === null || !queue) return null;
      // With a durable queue the reactor resumes from a stored checkpoint; the in-process queue loses its
      // jobs with the process, so the reactor then replays and re-enqueues what is still pending.
      const checkpoint =
        options.checkpoint === 'durable' && isDurableQueue(config)
          ? FileDispatchCheckpoint.inDataDir(config.dataDir)
          : new MemoryDispatchCheckpoint();
      const { backoffMs } = options;
      return new AsyncSearchDispatcher(
        eventStore,
        queue,
        checkpoint,
        backoffMs ? { backoffMs, maxBackoffMs: backoffMs * 10 } : {},
      );
    },
  };
}
