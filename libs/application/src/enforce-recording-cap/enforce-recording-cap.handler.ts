import { Logger } from '@nestjs/common';
import { DomainError } from '#domain';
import type { BlobStore } from '#infra';
import type { CommandContext } from '#kernel';
import type { LinkedRecordings } from '#read-store';
import type { Clock } from '#runtime';
import type { Aggregates } from '../shared/aggregates.js';
import type { SettingsReader } from '../shared/settings-reader.js';
import { systemActor } from '../shared/system-actor.js';

const context: CommandContext = { actor: systemActor, correlationId: 'recording-cap', expectedVersion: null };

/**
 * 録音の上限 (enforce-recording-cap), run by the projector after every batch of the callback view and
 * every settings change, one run at a time. Beyond `recordingCap` linked recordings, the oldest (by
 * registration time) are unlinked with `RecordingExpired` on their callback and their audio deleted.
 *
 * The view can lag behind the log, never run ahead of it: a row it still shows linked may already be
 * expired (the callback's stream decides, and such a row counts as unlinked), and a recording linked
 * meanwhile is enforced on the batch that brings it. So once the projector has caught up, no more than
 * the cap stay linked, however many registrations raced.
 */
export class RecordingCapEnforcer {
  private readonly logger = new Logger('recording-cap');
  private running: Promise<number> | null = null;

  constructor(
    private readonly aggregates: Aggregates,
    private readonly settings: SettingsReader,
    private readonly linked: LinkedRecordings,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /** Returns how many recordings this run unlinked. A call during a run waits for it and runs again. */
  async enforce(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.enforceOnce();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async enforceOnce(): Promise<number> {
    const { settings } = await this.settings.current();
    const linked = await this.linked.findLinkedRecordings();
    let excess = linked.length - settings.recordingCap;
    let expired = 0;
    for (const { callbackId, recordingId } of linked) {
      if (excess <= 0) break;
      if (await this.expire(callbackId, recordingId)) expired += 1;
      // Expired now, before, or its callback deleted: either way it no longer counts.
      excess -= 1;
    }
    if (expired > 0)
      this.logger.log({ message: 'recordings unlinked by the cap', expired, cap: settings.recordingCap });
    return expired;
  }

  private async expire(callbackId: string, recordingId: string): Promise<boolean> {
    const { state } = await this.aggregates.callbacks.load(callbackId);
    if (state.status === 'absent' || state.recording?.recordingId !== recordingId) return false;
    const blobKey = state.recording.recordingBlobKey;
    try {
      const outcome = await this.aggregates.callbacks.run(
        callbackId,
        { type: 'ExpireRecording', callbackId, recordingId, now: this.clock.now() },
        context,
      );
      // Event first, audio second: a crash in between leaves audio no callback links, which the
      // unlinked-recordings sweep deletes.
      await this.blobs.delete(blobKey);
      return outcome.appended > 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  }
}
