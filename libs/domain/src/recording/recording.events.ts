/** The stored audio of one upload, as the callback that links it needs it to serve and delete it. */
export interface RecordingAudio {
  recordingId: string;
  /**
   * Where the audio lies in the recordings blob store. Kept in its own field (never derived from the
   * recording id) so it can be encrypted and shredded with the callback's personal data.
   */
  recordingBlobKey: string;
  /** Decided from the content's magic bytes, e.g. `audio/wav`. */
  contentType: string;
  /** File extension for downloads (`wav`, `mp3`, `ogg`, `m4a`, `webm`). */
  extension: string;
  byteSize: number;
}

/** Facts about one uploaded recording (stream `recording-<id>`): who may link it, and when it was dropped. */
export type RecordingEvent =
  | { type: 'RecordingUploaded'; data: RecordingAudio & { uploadedAt: string } }
  /** Taken by a callback's registration; a second callback is refused (409). */
  | { type: 'RecordingClaimed'; data: { recordingId: string; callbackId: string; claimedAt: string } }
  /** The registration that claimed it failed: it may be linked again. */
  | { type: 'RecordingReleased'; data: { recordingId: string; callbackId: string } }
  /** Never linked within a day (or its callback is gone): the audio was deleted. */
  | { type: 'RecordingDiscarded'; data: { recordingId: string; reason: 'unlinked' | 'orphaned' } };

export type RecordingEventType = RecordingEvent['type'];

export type RecordingCommand =
  | { type: 'UploadRecording'; recordingId: string; audio: RecordingAudio; now: Date }
  | { type: 'ClaimRecording'; recordingId: string; callbackId: string; now: Date }
  | { type: 'ReleaseRecording'; recordingId: string; callbackId: string }
  | { type: 'DiscardRecording'; recordingId: string; reason: 'unlinked' | 'orphaned' };

export type RecordingState =
  | { status: 'absent' }
  | {
      status: 'uploaded' | 'claimed' | 'discarded';
      audio: RecordingAudio;
      uploadedAt: string;
      /** The callback holding it while claimed, and since when. */
      callbackId: string | null;
      claimedAt: string | null;
    };
