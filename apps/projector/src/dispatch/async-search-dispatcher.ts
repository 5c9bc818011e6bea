import { Logger } from '@nestjs/common';
import { type AsyncSearchEvent, asyncSearchDecider, fold, idFromStream, streamCategories, streamNames } from '#domain';
import type { AllSubscription, EventStore, RecordedEvent } from '#event-store';
import { type ExportQueue, reasonOf } from '#infra';
import { upcast } from '#runtime';
import { inBatches } from '../in-batches.js';
import { asyncSearchJobId } from './async-search-job-id.js';
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
  private subscription: AllSubscription | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  /** Position of the last event handled (its jobs enqueued), null before the first. */
  position: bigint | null = null;
  dispatched = 0;

  constructor(
    private readonly eventStore: EventStore,
    private readonly queue: ExportQueue,
    private readonly checkpoint: DispatchCheckpoint,
    private readonly options: DispatcherOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.subscription?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        this.logger.error({ message: 'dispatch failed; resuming from its checkpoint', error: reasonOf(error) });
        await this.pause(500);
      }
    }
  }

  private async follow(): Promise<void> {
    const after = await this.checkpoint.load();
    this.position = after;
    let sinceSaved = 0;
    this.subscription = this.eventStore.subscribeToAll(after === null ? {} : { after });
    try {
      for await (const batch of inBatches(this.subscription[Symbol.asyncIterator](), this.options.batchSize ?? 200)) {
        if (this.stopped) break;
        const dispatched = await this.dispatch(batch);
        if (this.stopped) break;
        const last = batch[batch.length - 1].position;
        sinceSaved += batch.length;
        if (dispatched > 0 || sinceSaved >= (this.options.checkpointEvery ?? 1_000)) {
          await this.checkpoint.save(last);
          sinceSaved = 0;
        }
        this.position = last;
      }
    } finally {
      await this.subscription.close();
      this.subscription = null;
    }
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
    const state = fold(asyncSearchDecider, recorded.map(upcast) as AsyncSearchEvent[]);
    // `processing`: a worker took it and may have died with an in-process queue; the worker's start is idempotent.
    return state.status === 'pending' || state.status === 'processing';
  }

  private async enqueueUntilAccepted(asyncSearchId: string, jobId: string): Promise<void> {
    let delay = this.options.backoffMs ?? 200;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.queue.enqueue(jobId, { asyncSearchId });
        this.dispatched += 1;
        if (attempt > 1) this.logger.log({ message: 'queue reachable again; job enqueued', jobId, attempt });
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 20 === 0) {
          this.logger.warn({ message: 'could not enqueue; the search stays pending', jobId, error: reasonOf(error) });
        }
        await this.pause(delay);
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 10_000);
      }
    }
  }

  /** A delay that `stop()` cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
