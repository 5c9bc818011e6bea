import { Logger } from '@nestjs/common';
import type { AllSubscription, EventStore, RecordedEvent } from '#event-store';
import type { ProjectionStore, ReadProjectionName } from '#read-store';
import { type Mutex, inBatches } from './in-batches.js';

export interface RunnerProgress {
  name: string;
  /** Position of the last event handled (and checkpointed), null before the first. */
  position: bigint | null;
  /** Milliseconds between an event being stored and being applied, for the last event handled. */
  lagMs: number;
  eventsHandled: number;
}

export interface RunnerHooks {
  /** Retention cutoff for this batch (views registered before it are not created). */
  retentionCutoff(): Promise<string>;
  /** After a batch was applied and checkpointed. */
  afterBatch(name: string, events: readonly RecordedEvent[]): Promise<void>;
}

/**
 * One projection, one subscription from its stored checkpoint. Events are applied in order; a batch and its
 * checkpoint are stored in one step, and only after they succeeded is the next pulled (back-pressure).
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private subscription: AllSubscription | null = null;
  private stopped = false;
  private progressListeners = new Set<() => void>();
  readonly progress: RunnerProgress;

  constructor(
    readonly name: ReadProjectionName,
    private readonly eventStore: EventStore,
    private readonly store: ProjectionStore,
    private readonly writeLock: Mutex,
    private readonly hooks: RunnerHooks,
    private readonly batchSize = 500,
  ) {
    this.logger = new Logger(`projection:${name}`);
    this.progress = { name, position: null, lagMs: 0, eventsHandled: 0 };
  }

  /** Runs until `stop()`; a failure is logged and the runner resumes from the stored checkpoint. */
  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        this.logger.error({ message: 'projection failed; resuming from its checkpoint', error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }

  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private async follow(): Promise<void> {
    const checkpoint = await this.store.getCheckpoint(this.name);
    this.progress.position = checkpoint;
    this.subscription = this.eventStore.subscribeToAll(checkpoint === null ? {} : { after: checkpoint });
    try {
      for await (const batch of inBatches(this.subscription[Symbol.asyncIterator](), this.batchSize)) {
        if (this.stopped) break;
        await this.handle(batch);
      }
    } finally {
      await this.subscription.close();
      this.subscription = null;
    }
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    const retentionCutoff = await this.hooks.retentionCutoff();
    await this.writeLock.runExclusive(() =>
      this.store.applyEvents(this.name, batch, { checkpoint: last.position, retentionCutoff }),
    );
    await this.hooks.afterBatch(this.name, batch);
    this.progress.position = last.position;
    this.progress.eventsHandled += batch.length;
    this.progress.lagMs = Math.max(0, Date.now() - last.recordedAt.getTime());
    for (const listener of this.progressListeners) listener();
  }
}
