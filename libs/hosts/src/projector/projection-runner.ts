import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '#event-store';
import { EventProcessor, type Mutex } from '#kernel';
import type { ProjectionStore, ReadProjectionName } from '#read-store';

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
  private readonly processor: EventProcessor;
  private progressListeners = new Set<() => void>();
  readonly progress: RunnerProgress;

  constructor(
    readonly name: ReadProjectionName,
    eventStore: EventStore,
    private readonly store: ProjectionStore,
    private readonly writeLock: Mutex,
    private readonly hooks: RunnerHooks,
    batchSize: number,
  ) {
    const logger = new Logger(`projection:${name}`);
    this.progress = { name, position: null, lagMs: 0, eventsHandled: 0 };
    this.processor = new EventProcessor(
      eventStore,
      // The checkpoint is stored in the same transaction as the batch's rows (applyEvents), never alone.
      {
        load: async () => (this.progress.position = await this.store.getCheckpoint(this.name)),
        save: async () => undefined,
      },
      { handle: (batch) => this.handle(batch) },
      {
        batchSize,
        onError: (error) =>
          logger.error({ message: 'projection failed; resuming from its checkpoint', error: String(error) }),
      },
    );
  }

  /** Runs until `stop()`; a failure is logged and the runner resumes from the stored checkpoint. */
  run(): Promise<void> {
    return this.processor.run();
  }

  stop(): Promise<void> {
    return this.processor.stop();
  }

  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private async handle(batch: readonly RecordedEvent[]): Promise<boolean> {
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
    return false;
  }
}
