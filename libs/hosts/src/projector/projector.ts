import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '#event-store';
import { type ProjectionStore, type ReadPorts, type ReadProjectionName, readProjectionNames } from '#read-store';
import type { Clock } from '#runtime';
import { Mutex, inFullBatches } from '#kernel';
import { ProjectionRunner, type RunnerProgress } from './projection-runner.js';
import {
  Aggregates,
  ExportExpiry,
  RecordingCapEnforcer,
  RetentionPolicy,
  RetentionSweeper,
  SettingsReader,
  UnlinkedRecordingSweeper,
} from '#application';
import type { BlobStore, LiveChangesFeed } from '#infra';

/** How long live changes stay resumable (one hour: a laptop lid closed over lunch still resumes). */
export const liveChangesRetentionMs = 60 * 60 * 1000;

/** The read ports the projector writes and reads through (a read store's `ports` fits), and the live feed it prunes. */
export type ProjectorPorts = Pick<ReadPorts, 'projectionStore' | 'callbackRetention' | 'linkedRecordings'> & {
  /** Null or absent: no live changes feed to prune. */
  liveChanges?: LiveChangesFeed | null;
};

/**
 * The most events a projection applies in one batch: one read-store transaction with its checkpoint. Only
 * a backlog fills it (a catch-up, a burst); live, a batch holds what arrived together. Every transaction
 * writes each page it touched to the WAL once, and a full-text segment that later merges rewrite: in
 * batches of 2,000 instead of 500, the callback view's catch-up (bench 2b) runs 12 % fewer instructions
 * and writes 46 % less per event. 5,000 would save another 13 % of instructions, but a batch holds the
 * read-side thread (health, metrics, exports wait for it): one of 2,000 takes about 0.1–0.2 s, up to
 * 0.5 s when it triggers a WAL checkpoint (batches of 500: 0.05 s, 0.35 s).
 */
export const projectionBatchSize = 2_000;

/**
 * The events a rebuild reads from the log per batch and feeds to every view, each view's share in one
 * transaction of the generation being rebuilt. Each transaction rewrites most pages of the views' key
 * indexes (callback ids are random): on the rebuild bench (250,000 events) batches of 5,000, 10,000 and
 * 40,000 wrote 620, 460 and 310 MB of WAL, at the same CPU time within the noise.
 */
export const rebuildBatchSize = 10_000;

export interface ProjectorOptions {
  /** How often the retention sweeper runs besides after every settings change. */
  sweepIntervalMs?: number;
  /** How long after `start()` the first sweep runs (default 3 s; see `start`). */
  firstSweepDelayMs?: number;
  /** Events per transaction at most (default `projectionBatchSize`). */
  batchSize?: number;
  /** Events per transaction when rebuilding (default `rebuildBatchSize`). */
  rebuildBatchSize?: number;
  /** Where recordings' audio lies; without it the recording cap and the recording sweeps do not run here. */
  recordingBlobs?: BlobStore;
  /** The async searches' files; without it retention does not expire them here. */
  exportBlobs?: BlobStore;
  /** Components that follow the event store beside the projections (e.g. the async-search dispatch reactor). */
  reactors?: readonly ProjectorReactor[];
}

/** A reactor runs with the projector but keeps its own checkpoint (see dispatch/async-search-dispatcher.ts). */
export interface ProjectorReactor {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ProjectionStatus extends RunnerProgress {
  /** Position of the newest stored event minus the position handled (events for SQLite, bytes for EventStoreDB). */
  behindHead: string;
}

/**
 * The read side's engine: one runner per projection, the retention sweeper and zero-downtime rebuilds.
 * Embeddable (all-in-one process, tests) or run as its own process (`apps/projector/src/main.ts`).
 */
export class Projector {
  private readonly logger = new Logger('projector');
  private readonly writeLock = new Mutex();
  private readonly runners: ProjectionRunner[];
  private readonly running: Promise<void>[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private firstSweepTimer: NodeJS.Timeout | null = null;
  readonly retention: RetentionPolicy;
  readonly sweeper: RetentionSweeper;
  /** Null without a recordings blob store (see ProjectorOptions). */
  readonly recordingCap: RecordingCapEnforcer | null = null;
  readonly recordingSweeper: UnlinkedRecordingSweeper | null = null;

  private readonly views: ProjectionStore;
  private readonly liveChanges: LiveChangesFeed | null;

  constructor(
    private readonly eventStore: EventStore,
    ports: ProjectorPorts,
    private readonly clock: Clock,
    private readonly options: ProjectorOptions = {},
  ) {
    this.views = ports.projectionStore;
    this.liveChanges = ports.liveChanges ?? null;
    this.retention = new RetentionPolicy(eventStore, clock);
    const recordingBlobs = options.recordingBlobs ?? null;
    const exports = options.exportBlobs
      ? new ExportExpiry(new Aggregates(eventStore, clock), options.exportBlobs, clock)
      : null;
    this.sweeper = new RetentionSweeper(
      eventStore,
      ports.callbackRetention,
      this.retention,
      undefined,
      recordingBlobs,
      exports,
    );
    if (recordingBlobs) {
      const aggregates = new Aggregates(eventStore, clock);
      const settings = new SettingsReader(eventStore);
      this.recordingCap = new RecordingCapEnforcer(aggregates, settings, ports.linkedRecordings, recordingBlobs, clock);
      this.recordingSweeper = new UnlinkedRecordingSweeper(aggregates, recordingBlobs, clock);
    }
    const hooks = {
      retentionCutoff: () => this.retention.cutoff(),
      afterBatch: (name: string, events: readonly RecordedEvent[]) => this.afterBatch(name, events),
    };
    this.runners = readProjectionNames.map(
      (name) =>
        new ProjectionRunner(
          name,
          eventStore,
          this.views,
          this.writeLock,
          hooks,
          options.batchSize ?? projectionBatchSize,
        ),
    );
  }

  async start(): Promise<void> {
    await this.retention.refresh();
    for (const runner of this.runners) this.running.push(runner.run());
    for (const reactor of this.options.reactors ?? []) await reactor.start();
    const interval = this.options.sweepIntervalMs ?? 10 * 60 * 1000;
    this.sweepTimer = setInterval(() => void this.sweepQuietly(), interval);
    this.sweepTimer.unref();
    // After a long stop the first sweep may have thousands of expired callbacks to delete, in transactions
    // that take turns with everything else on this thread: started at once, it held the rest of the host's
    // start-up back by seconds (the all-in-one process was healthy only after 7 s on 1M callbacks).
    this.firstSweepTimer = setTimeout(() => void this.sweepQuietly(), this.options.firstSweepDelayMs ?? 3_000);
    this.firstSweepTimer.unref();
  }

  /** Stops pulling events; every batch already applied has its checkpoint stored. */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.firstSweepTimer) clearTimeout(this.firstSweepTimer);
    await Promise.all((this.options.reactors ?? []).map((reactor) => reactor.stop()));
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await Promise.all(this.running);
  }

  /** Resolves once every projection has handled everything stored when this was called (tests, readiness). */
  async waitUntilCaughtUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.eventStore.headPosition();
    if (head === null) return;
    await Promise.all(
      this.runners.map(
        (runner) =>
          new Promise<void>((resolve, reject) => {
            const done = () => runner.progress.position !== null && runner.progress.position >= head;
            if (done()) return resolve();
            const timer = setTimeout(() => {
              unsubscribe();
              reject(new Error(`projection ${runner.name} did not catch up within ${timeoutMs} ms`));
            }, timeoutMs);
            const unsubscribe = runner.onProgress(() => {
              if (!done()) return;
              clearTimeout(timer);
              unsubscribe();
              resolve();
            });
          }),
      ),
    );
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headPosition();
    return this.runners.map((runner) => ({
      ...runner.progress,
      // Positions are the store's own: SQLite numbers events, EventStoreDB packs commit and prepare
      // positions, so only the store can say how far behind a projection is (events or log bytes).
      behindHead: String(
        this.eventStore.behindHead
          ? this.eventStore.behindHead(runner.progress.position ?? null, head)
          : head === null
            ? 0n
            : max(0n, head - (runner.progress.position ?? 0n)),
      ),
    }));
  }

  /**
   * Replays every event into a fresh generation of the views while the current one keeps serving, then
   * swaps them in. The last catch-up and the swap hold the write lock, so no live event falls between.
   */
  async rebuild(): Promise<{ events: number; generation: number }> {
    const started = await this.views.beginRebuild();
    this.logger.log({ message: 'rebuild started', generation: started.rebuildingGeneration });
    let events = await this.replayIntoRebuild();
    await this.views.indexRebuild?.(); // outside the lock: live events keep flowing meanwhile
    const committed = await this.writeLock.runExclusive(async () => {
      events += await this.replayIntoRebuild();
      return this.views.commitRebuild();
    });
    this.logger.log({ message: 'rebuild swapped in', generation: committed.activeGeneration, events });
    return { events, generation: committed.activeGeneration };
  }

  /** Reads the log once (from the lowest rebuild checkpoint) and feeds each batch to every view. */
  private async replayIntoRebuild(): Promise<number> {
    const checkpoints = new Map<ReadProjectionName, bigint | null>();
    for (const name of readProjectionNames) checkpoints.set(name, await this.views.getCheckpoint(name, 'rebuild'));
    const starts = [...checkpoints.values()];
    const after = starts.includes(null) ? null : starts.reduce((a, b) => (a! < b! ? a : b));
    const source = this.eventStore.readAll(after === null ? {} : { after });
    let replayed = 0;
    for await (const batch of inFullBatches(source, this.options.rebuildBatchSize ?? rebuildBatchSize)) {
      const retentionCutoff = await this.retention.cutoff();
      const checkpoint = batch[batch.length - 1].position;
      for (const [name, from] of checkpoints) {
        const pending = from === null ? batch : batch.filter((event) => event.position > from);
        if (pending.length > 0) {
          await this.views.applyEvents(name, pending, { target: 'rebuild', checkpoint, retentionCutoff });
        }
      }
      replayed += batch.length;
    }
    return replayed;
  }

  private async afterBatch(name: string, events: readonly RecordedEvent[]): Promise<void> {
    if (name !== ('callbacks' satisfies ReadProjectionName)) return;
    await this.sweeper.deleteExpiredRegistrations(events);
    const settingsChanged = events.some((event) => event.type === 'SystemSettingsChanged');
    // The view now shows these links: enforce the cap on it (a lowered cap applies at once).
    if (settingsChanged || events.some((event) => event.type === 'RecordingLinked')) await this.enforceRecordingCap();
    if (settingsChanged) {
      await this.retention.refresh();
      // In the background: a long sweep must not hold up the projection (wait with `sweeper.whenIdle()`).
      void this.sweepQuietly();
    }
  }

  private async enforceRecordingCap(): Promise<void> {
    try {
      await this.recordingCap?.enforce();
    } catch (error) {
      // Not fatal to the projection: the next linked recording or settings change runs it again.
      this.logger.error({ message: 'recording cap failed; it runs again after the next batch', error: String(error) });
    }
  }

  private async sweepQuietly(): Promise<void> {
    // Retention first: its sweep starts within this call, so `sweeper.whenIdle()` right after a settings
    // change waits for it.
    try {
      await this.sweeper.sweep();
    } catch (error) {
      this.logger.error({
        message: 'retention sweep failed; it runs again at the next interval',
        error: String(error),
      });
    }
    try {
      await this.recordingSweeper?.sweep();
    } catch (error) {
      this.logger.error({ message: 'unlinked-recordings sweep failed', error: String(error) });
    }
    try {
      await this.pruneLiveChanges();
    } catch (error) {
      this.logger.error({ message: 'pruning the live changes feed failed', error: String(error) });
    }
  }

  /**
   * Forgets live changes older than `liveChangesRetentionMs` (the reach of `Last-Event-ID`; an older id gets
   * `stream.reset`). Runs with every retention sweep; gives how many were removed.
   */
  async pruneLiveChanges(): Promise<number> {
    if (!this.liveChanges) return 0;
    return this.liveChanges.prune(new Date(this.clock.now().getTime() - liveChangesRetentionMs));
  }
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
