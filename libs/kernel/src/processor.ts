import type { AllSubscription, EventStore, RecordedEvent } from '#event-store';
import { inBatches } from './in-batches.js';

/** Where a processor resumes: the position after which it reads, null = from the start. */
export interface CheckpointPort {
  load(): Promise<bigint | null>;
  save(position: bigint): Promise<void>;
}

/** What a processor does with each batch. */
export interface BatchHandler {
  /**
   * Handles the batch in order. Returns true when the processor should store the batch's last position
   * in its checkpoint port now; a handler that stores its checkpoint with its own writes returns false.
   */
  handle(batch: readonly RecordedEvent[]): Promise<boolean>;
}

export interface ProcessorOptions {
  /** The most events in one batch (also what the subscription reads at once). */
  batchSize: number;
  /** Pause before resuming from the checkpoint after a failure. */
  retryMs?: number;
  /** Told about each failure before the processor resumes. */
  onError(error: unknown): void;
}

/**
 * The one loop behind projections and reactors: resume from the checkpoint → subscribe to the global
 * order → batch → handle → checkpoint; a failure resumes from the last stored checkpoint. The next batch
 * is pulled only after the previous one was handled (back-pressure).
 */
export class EventProcessor {
  private subscription: AllSubscription | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  /** Position of the last event handled, null before the first. */
  position: bigint | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly checkpoint: CheckpointPort,
    private readonly handler: BatchHandler,
    private readonly options: ProcessorOptions,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts the loop in the background (`run()` awaits it). */
  start(): Promise<void> {
    this.stopped = false;
    this.running = this.run();
    return Promise.resolve();
  }

  /** Runs until `stop()`. */
  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopped) break;
        this.options.onError(error);
        await this.pause(this.options.retryMs ?? 500);
      }
    }
  }

  /** Stops after the batch in hand; its checkpoint is stored if the handler finished it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.subscription?.close();
    await this.running;
  }

  /** A delay that `stop()` cuts short (handlers use it for their own retries). */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async follow(): Promise<void> {
    const after = await this.checkpoint.load();
    this.position = after;
    const { batchSize } = this.options;
    this.subscription = this.eventStore.subscribeToAll(after === null ? { batchSize } : { after, batchSize });
    try {
      for await (const batch of inBatches(this.subscription[Symbol.asyncIterator](), this.options.batchSize)) {
        if (this.stopped) break;
        const save = await this.handler.handle(batch);
        if (this.stopped) break;
        const last = batch[batch.length - 1].position;
        if (save) await this.checkpoint.save(last);
        this.position = last;
      }
    } finally {
      await this.subscription.close();
      this.subscription = null;
    }
  }
}
