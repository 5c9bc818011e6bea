import { Logger } from '@nestjs/common';
import type { BlobInfo, BlobStore } from '#infra';
import type { CommandContext } from '#kernel';
import type { Clock } from '#runtime';
import type { Aggregates } from '../shared/aggregates.js';
import { systemActor } from '../shared/system-actor.js';

const context: CommandContext = { actor: systemActor, correlationId: 'recording-sweep', expectedVersion: null };
const day = 24 * 60 * 60 * 1000;
/** A claim this old without its callback is a registration that died between the two appends. */
const abandonedClaimMs = 60 * 60 * 1000;

/**
 * 未使用の録音の削除 (sweep-unlinked-recordings), run by the projector on the retention interval: audio
 * uploaded more than a day ago that no callback links is deleted. That is an upload never registered
 * (`RecordingDiscarded` "unlinked"), and audio whose deletion a crash interrupted: its callback expired
 * it, or retention deleted the callback ("orphaned").
 */
export class UnlinkedRecordingSweeper {
  private readonly logger = new Logger('recording-sweep');

  constructor(
    private readonly aggregates: Aggregates,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<number> {
    const now = this.clock.now();
    let deleted = 0;
    for await (const blob of this.blobs.listCreatedBefore(new Date(now.getTime() - day))) {
      if (await this.isUnused(blob, now)) {
        await this.blobs.delete(blob.fileId);
        deleted += 1;
      }
    }
    if (deleted > 0) this.logger.log({ message: 'deleted recordings no callback links', deleted });
    return deleted;
  }

  private async isUnused(blob: BlobInfo, now: Date): Promise<boolean> {
    // Stored as `<recordingId>.<ext>` by the upload.
    const recordingId = blob.name.replace(/\.[^.]*$/, '');
    const { state } = await this.aggregates.recordings.load(recordingId);
    // No upload event: the upload failed after storing the audio.
    if (state.status === 'absent') return true;
    if (state.audio.recordingBlobKey !== blob.fileId) return true;
    if (state.status === 'discarded') return true;
    if (state.status === 'uploaded') return this.discard(recordingId, 'unlinked');
    const claimedAt = Date.parse(state.claimedAt ?? '');
    if (state.callbackId === null || now.getTime() - claimedAt < abandonedClaimMs) return false;
    const callback = await this.aggregates.callbacks.load(state.callbackId);
    const linked = callback.state.status !== 'absent' && callback.state.recording?.recordingId === recordingId;
    return linked ? false : this.discard(recordingId, 'orphaned');
  }

  /** True when the recording is now discarded (a claim that won the race keeps it). */
  private async discard(recordingId: string, reason: 'unlinked' | 'orphaned'): Promise<boolean> {
    const outcome = await this.aggregates.recordings.run(
      recordingId,
      { type: 'DiscardRecording', recordingId, reason },
      context,
    );
    return outcome.state.status === 'discarded';
  }
}
