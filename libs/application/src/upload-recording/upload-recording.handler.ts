import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#domain';
import { ByteLimit, ByteLimitExceededError, RECORDING_BLOB_STORE, type BlobStore, sniffAudio } from '#infra';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { UploadRecordingCommand, type UploadRecordingResult } from './upload-recording.command.js';

@CommandHandler(UploadRecordingCommand)
export class UploadRecordingHandler implements ICommandHandler<UploadRecordingCommand, UploadRecordingResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(RECORDING_BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'recordingLimitBytes'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ body, declaredBytes, issuedBy }: UploadRecordingCommand): Promise<UploadRecordingResult> {
    const limit = this.config.recordingLimitBytes;
    if (declaredBytes !== null && declaredBytes > limit) {
      discard(body);
      throw tooLarge(limit);
    }
    const counted = new ByteLimit(limit);
    body.once('error', (error) => counted.destroy(error));
    const { type, stream } = await sniffAudio(body.pipe(counted)).catch((error: unknown) => {
      discard(body);
      throw error instanceof ByteLimitExceededError ? tooLarge(limit) : error;
    });
    if (type === null) {
      stream.destroy();
      discard(body);
      if (counted.bytes === 0) throw DomainError.validation([{ field: 'body', message: 'the recording is empty' }]);
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'the content is no accepted audio format (WAV, MP3, Ogg/Opus, M4A/AAC, WebM); the type is read from the bytes, not the header',
      );
    }

    const recordingId = randomUUID();
    let stored: { fileId: string; byteSize: number };
    try {
      // put() removes whatever it wrote when the source fails, so a refused upload leaves nothing behind.
      stored = await this.blobs.put(`${recordingId}.${type.extension}`, stream, { contentType: type.contentType });
    } catch (error) {
      discard(body);
      if (error instanceof ByteLimitExceededError) throw tooLarge(limit);
      throw error;
    }
    if (stored.byteSize === 0) {
      await this.blobs.delete(stored.fileId);
      throw DomainError.validation([{ field: 'body', message: 'the recording is empty' }]);
    }
    const audio = { recordingId, recordingBlobKey: stored.fileId, ...type, byteSize: stored.byteSize };
    try {
      await this.aggregates.recordings.run(
        recordingId,
        { type: 'UploadRecording', recordingId, audio, now: this.clock.now() },
        { ...issuedBy, expectedVersion: null },
      );
    } catch (error) {
      await this.blobs.delete(stored.fileId);
      throw error;
    }
    return { recordingId };
  }
}

/**
 * Stops using a body we refuse, without destroying it: the request stream is the client's connection,
 * which must stay open for the 4xx answer. What is left is read and dropped.
 */
function discard(body: Readable): void {
  body.unpipe();
  body.resume();
}

function tooLarge(limit: number): DomainError {
  return new DomainError('PAYLOAD_TOO_LARGE', `a recording may have at most ${limit} bytes`);
}
