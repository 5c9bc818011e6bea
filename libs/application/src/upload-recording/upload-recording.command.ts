import type { Readable } from 'node:stream';
import type { CommandContext } from '#kernel';

/** 録音のアップロード: the raw audio, streamed to the recordings blob store, never held whole in memory. */
export class UploadRecordingCommand {
  constructor(
    readonly body: Readable,
    /** The Content-Length the client announced, if any: too large is refused before reading. */
    readonly declaredBytes: number | null,
    readonly issuedBy: CommandContext,
  ) {}
}

export interface UploadRecordingResult {
  recordingId: string;
}
