import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type RecordingAudio, callbackIdFor } from '#domain';
import { type CommandContext, StreamGoneError } from '#kernel';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { RegisterCallbackCommand, type RegisterCallbackResult } from './register-callback.command.js';

/** Recording ids are the v4 UUIDs `POST /recordings` hands out; anything else cannot name an upload. */
const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

@CommandHandler(RegisterCallbackCommand)
export class RegisterCallbackHandler implements ICommandHandler<RegisterCallbackCommand, RegisterCallbackResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A registration naming a recording first claims it on the recording's stream (so two callbacks can never
   * link one upload, without a read-then-write race), then registers; if the registration is refused,
   * the claim is released again.
   */
  async execute({ input, issuedBy }: RegisterCallbackCommand): Promise<RegisterCallbackResult> {
    const callbackId = callbackIdFor(input.requestId);
    const claim = await this.claimRecording(input.recordingId, callbackId, issuedBy);
    try {
      const outcome = await this.aggregates.callbacks.run(
        callbackId,
        { type: 'RegisterCallback', callbackId, input, now: this.clock.now(), recording: claim?.audio ?? null },
        issuedBy,
      );
      return { id: callbackId, version: outcome.version, created: outcome.appended > 0 };
    } catch (error) {
      if (claim?.fresh) await this.releaseQuietly(claim.audio.recordingId, callbackId, issuedBy);
      // The requestId's callback was deleted by retention or an erasure request: a requestId names one
      // request, so this is a stale retry, never a new callback (docs/decisions.md, tombstones).
      if (error instanceof StreamGoneError) {
        throw new DomainError(
          'DUPLICATE_REQUEST',
          'this requestId was already used by a callback that has since been deleted (retention or erasure request)',
        );
      }
      throw error;
    }
  }

  private async claimRecording(
    recordingId: unknown,
    callbackId: string,
    issuedBy: CommandContext,
  ): Promise<{ audio: RecordingAudio; fresh: boolean } | null> {
    if (recordingId === undefined || recordingId === null || recordingId === '') return null;
    if (typeof recordingId !== 'string' || !RECORDING_ID.test(recordingId)) {
      throw DomainError.validation([{ field: 'recordingId', message: 'no such recording (unknown or deleted)' }]);
    }
    // The client's If-Match is about the callback, never about the recording's stream.
    const outcome = await this.aggregates.recordings.run(
      recordingId,
      { type: 'ClaimRecording', recordingId, callbackId, now: this.clock.now() },
      { ...issuedBy, expectedVersion: null },
    );
    if (outcome.state.status === 'absent') throw new Error(`recording ${recordingId} vanished while being claimed`);
    return { audio: outcome.state.audio, fresh: outcome.appended > 0 };
  }

  private async releaseQuietly(recordingId: string, callbackId: string, issuedBy: CommandContext): Promise<void> {
    try {
      await this.aggregates.recordings.run(
        recordingId,
        { type: 'ReleaseRecording', recordingId, callbackId },
        { ...issuedBy, expectedVersion: null },
      );
    } catch {
      // Left claimed: the unlinked-recordings sweep finds the claim without a callback and deletes it.
    }
  }
}
