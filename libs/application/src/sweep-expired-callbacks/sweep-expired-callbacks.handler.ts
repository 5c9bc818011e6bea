import { Logger } from '@nestjs/common';
import { type CallbackEvent, callbackDecider, fold, streamNames } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import type { BlobStore } from '#infra';
import type { CallbackRetention } from '#read-store';
import {
  type ExportExpiry,
  registeredBefore,
} from '../expire-async-search-exports/expire-async-search-exports.handler.js';
import type { RetentionPolicy } from './retention-policy.js';

/**
 * 保持期間切れの削除 (sweep-expired-callbacks), run by the projector after every settings change and on an
 * interval rather than over the bus. Deletes callbacks past retention: their event streams, then their rows in every view, which leave
 * tombstones, so neither a late event nor a rebuild brings a callback back. Then the export files that
 * hold a callback past retention expire (see ExportExpiry).
 *
 * Paced so that commands feel it as little as possible: `batchSize` callbacks per transaction in each
 * store, then a rest as long as the batch took. The API runs beside it on the same files (another thread
 * of the all-in-one process, or another process): a command that meets a held write lock sleeps in
 * SQLite's busy handler (1, 2, 5, 10 ms…) and so gets in at its next try during the rest instead of behind
 * the next batch; the locks are held at most half the time. The longest hold is the key store's shred with
 * its checkpoint (mostly a fixed cost per batch, so smaller batches would only add checkpoints). The sweep
 * takes about twice as long as unpaced; nobody waits for it.
 */
export class RetentionSweeper {
  private readonly logger = new Logger('retention');
  private running: Promise<number> | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly views: CallbackRetention,
    private readonly policy: RetentionPolicy,
    private readonly batchSize = 50,
    /** Where recordings' audio lies: deleted with their callback. */
    private readonly recordingBlobs: BlobStore | null = null,
    /** The async searches' files: those holding a callback past retention expire. */
    private readonly exports: ExportExpiry | null = null,
  ) {}

  /** One sweep at a time; a call during a sweep waits for it and then sweeps again. */
  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.sweepOnce();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Resolves once no sweep is running (one started meanwhile is waited for too). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /**
   * Callbacks registered already past retention (a backfill) never get a view: their streams are deleted
   * as the projector meets their registration.
   */
  async deleteExpiredRegistrations(events: readonly RecordedEvent[]): Promise<void> {
    const cutoff = await this.policy.cutoff();
    const expired = events
      .filter((event) => event.type === 'CallbackRegistered')
      .map((event) => event.data as { callbackId: string; registeredAt: string })
      .filter((registration) => registration.registeredAt < cutoff)
      .map((registration) => streamNames.callback(registration.callbackId));
    // A projection batch holds up to 2,000 events: deleted in the same small, paced transactions as a sweep.
    for (let start = 0; start < expired.length; start += this.batchSize) {
      const started = performance.now();
      await this.eventStore.deleteStreams(expired.slice(start, start + this.batchSize));
      if (start + this.batchSize < expired.length) await restAfter(started);
    }
  }

  /** The recording each callback named and the audio it still links (read before its stream is deleted). */
  private async linkedRecordingsOf(callbackIds: readonly string[]) {
    if (this.recordingBlobs === null) return [];
    const recordings: { recordingId: string; blobKey: string | null }[] = [];
    for (const callbackId of callbackIds) {
      const events = await this.eventStore.readStream(streamNames.callback(callbackId));
      const state = fold(callbackDecider, events as unknown as CallbackEvent[]);
      // Only ids an upload gave (linked, or expired since); older registrations may hold free text there.
      if (state.status === 'absent' || state.registration.recordingId === null) continue;
      if (state.recording === null && !state.recordingExpired) continue;
      const blobKey = state.recording?.recordingBlobKey ?? null;
      recordings.push({ recordingId: state.registration.recordingId, blobKey });
    }
    return recordings;
  }

  private async sweepOnce(): Promise<number> {
    const cutoff = await this.policy.cutoff();
    let deleted = 0;
    for (;;) {
      const started = performance.now();
      const callbackIds = await this.views.findRegisteredBefore(cutoff, this.batchSize);
      if (callbackIds.length === 0) break;
      const recordings = await this.linkedRecordingsOf(callbackIds);
      // Streams first: a crash in between leaves the views, so the next sweep finds and finishes them
      // (audio left behind then has no callback, and the unlinked-recordings sweep deletes it).
      await this.eventStore.deleteStreams([
        ...callbackIds.map((callbackId) => streamNames.callback(callbackId)),
        ...recordings.map((recording) => streamNames.recording(recording.recordingId)),
      ]);
      await this.views.deleteCallbacks(callbackIds);
      for (const { blobKey } of recordings) if (blobKey !== null) await this.recordingBlobs?.delete(blobKey);
      deleted += callbackIds.length;
      // Also lets requests in when the sweeper shares the API's event loop (the embedded stores answer synchronously).
      await restAfter(started);
    }
    if (deleted > 0) this.logger.log({ message: 'deleted callbacks past retention', deleted, cutoff });
    // Every sweep, not only one that deleted callbacks: a run that read a callback just before it was
    // deleted records its file after that sweep.
    await this.exports?.expire(registeredBefore(cutoff));
    return deleted;
  }
}

/** Waits as long as the work since `started` took (at least 1 ms): the sweeper holds locks at most half the time. */
function restAfter(started: number): Promise<void> {
  const worked = performance.now() - started;
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(worked))));
}
