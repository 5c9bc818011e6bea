import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#domain';
import { type BlobStore, RECORDING_BLOB_STORE } from '#infra';
import { Aggregates } from '../shared/aggregates.js';
import { type CallbackRecordingFile, GetCallbackRecordingQuery } from './get-callback-recording.query.js';

/** Reads the callback's own stream, so a recording plays the moment it is registered and never once expired. */
@QueryHandler(GetCallbackRecordingQuery)
export class GetCallbackRecordingHandler implements IQueryHandler<GetCallbackRecordingQuery, CallbackRecordingFile> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(RECORDING_BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async execute({ callbackId }: GetCallbackRecordingQuery): Promise<CallbackRecordingFile> {
    const { state } = await this.aggregates.callbacks.load(callbackId);
    const recording = state.status === 'absent' ? null : state.recording;
    const info = recording === null ? null : await this.blobs.stat(recording.recordingBlobKey);
    if (recording === null || info === null) {
      throw new DomainError('NOT_FOUND', `callback ${callbackId} has no recording (none, expired or deleted)`);
    }
    return {
      contentType: recording.contentType,
      extension: recording.extension,
      byteSize: info.byteSize,
      open: (range) => this.blobs.get(recording.recordingBlobKey, range),
    };
  }
}
