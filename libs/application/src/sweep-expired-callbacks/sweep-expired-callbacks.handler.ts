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
    if (expired.length > 0) await this.eventStore.deleteStreams(expired);
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
      // The embedded stores answer synchronously: give requests waiting on this event loop their turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (deleted > 0) this.logger.log({ message: 'deleted callbacks past retention', deleted, cutoff });
    // Every sweep, not only one that deleted callbacks: a run that read a callback just before it was
    // deleted records its file after that sweep.
    await this.exports?.expire(registeredBefore(cutoff));
    return deleted;
  }
}
