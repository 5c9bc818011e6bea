import type { Readable } from 'node:stream';
import type { ByteRange } from '#infra';

/** The recording of a callback, for playing (404 once unlinked by the cap, deleted, or never linked). */
export class GetCallbackRecordingQuery {
  constructor(readonly callbackId: string) {}
}

export interface CallbackRecordingFile {
  contentType: string;
  extension: string;
  byteSize: number;
  /** The bytes (a range of them when given); null when the audio was deleted meanwhile. */
  open(range?: ByteRange): Promise<Readable | null>;
}
