import { Logger } from '@nestjs/common';
import { type AsyncSearchEvent, asyncSearchDecider, fold, idFromStream, streamCategories, streamNames } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { type ExportQueue, reasonOf } from '#infra';
import { EventProcessor } from '#kernel';
import { asyncSearchJobId } from '#application';
import type { DispatchCheckpoint } from './dispatch-checkpoint.js';

export interface DispatcherOptions {
  batchSize?: number;
  /** First delay after a failed enqueue; doubles up to `maxBackoffMs`. Default 200 ms. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Without a dispatch in between, the checkpoint is still stored after this many events. Default 1000. */
  checkpointEvery?: number;
}

const dispatchingTypes = new Set<string>(['AsyncSearchRequested', 'AsyncSearchRetried']);

/**
 * The reactor that turns AsyncSearchRequested / AsyncSearchRetried into queue jobs. The event store is
 * the outbox: the checkpoint moves only after the batch's jobs were enqueued, so a queue that is down
 * (Redis unreachable) holds the reactor at that position, retrying with backoff, and the search stays
 * `pending` until the job is in. Job ids come from the event (see asyncSearchJobId), so a replay after a
 * crash enqueues nothing new; searches that are no longer waiting for that dispatch are skipped.
 */
export class AsyncSearchDispatcher {
  private readonly logger = new Logger('dispatch:async-search');
  private readonly processor: EventProcessor;
  private sinceSaved = 0;
  dispatched = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly queue: ExportQueue,
    checkpoint: DispatchCheckpoint,
    private readonly options: DispatcherOptions = {},
  ) {
    this.processor = new EventProcessor(
      eventStore,
      checkpoint,
      { handle: (batch) => this.handle(batch) },
      {
        batchSize: options.batchSize ?? 200,
        onError: (error) =>
          this.logger.error({ message: 'dispatch failed; resuming from its checkpoint', error: reasonOf(error) }),
      },
    );
  }

  /** Position of the last event handled (its jobs enqueued), null before the first. */
  get position(): bigint | null {
    return this.processor.position;
  }

  start(): Promise<void> {
    this.sinceSaved = 0;
    return this.processor.start();
  }

  stop(): Promise<void> {
    return this.processor.stop();
  }

  /** The checkpoint moves after a batch that dispatched, or every `checkpointEvery` events without one. */
  private async handle(batch: readonly RecordedEvent[]): Promise<boolean> {
    const dispatched = await this.dispatch(batch);
    this.sinceSaved += batch.length;
    if (dispatched === 0 && this.sinceSaved < (this.options.checkpointEvery ?? 1_000)) return false;
    this.sinceSaved = 0;
    return true;
  }

  /** Enqueues the batch's jobs in order; returns how many events asked for one. */
  private async dispatch(batch: readonly RecordedEvent[]): Promise<number> {
    let count = 0;
    for (const event of batch) {
      if (!dispatchingTypes.has(event.type)) continue;
      const asyncSearchId = idFromStream(streamCategories.asyncSearch, event.streamName);
      if (asyncSearchId === null) continue;
      count += 1;
      if (!(await this.stillWaitingFor(asyncSearchId, event.revision))) continue;
      await this.enqueueUntilAccepted(asyncSearchId, asyncSearchJobId(asyncSearchId, event.revision));
    }
    return count;
  }

  /** True when this event is the search's latest dispatch and the search has not finished since. */
  private async stillWaitingFor(asyncSearchId: string, revision: number): Promise<boolean> {
    const recorded = await this.eventStore.readStream(streamNames.asyncSearch(asyncSearchId));
    const latest = recorded.filter((event) => dispatchingTypes.has(event.type)).at(-1);
    if (latest?.revision !== revision) return false;
    const state = fold(asyncSearchDecider, recorded as RecordedEvent[] as AsyncSearchEvent[]);
    // `processing`: a worker took it and may have died with an in-process queue; the worker's start is idempotent.
    return state.status === 'pending' || state.status === 'processing';
  }

  private async enqueueUntilAccepted(asyncSearchId: string, jobId: string): Promise<void> {
    let delay = this.options.backoffMs ?? 200;
    for (let attempt = 1; !this.processor.isStopped; attempt++) {
      try {
        await this.queue.enqueue(jobId, { asyncSearchId });
        this.dispatched += 1;
        if (attempt > 1) this.logger.log({ message: 'queue reachable again; job enqueued', jobId, attempt });
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 20 === 0) {
          this.logger.warn({ message: 'could not enqueue; the search stays pending', jobId, error: reasonOf(error) });
        }
        await this.processor.pause(delay);
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 10_000);
      }
    }
  }
}
