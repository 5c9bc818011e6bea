import type { RecordingAudio } from '../recording/recording.events.js';
import type { CallbackRegisteredData } from './callback.events.js';

export type CallbackStatus = 'incomplete' | 'complete';

export interface ExistingCallback {
  status: CallbackStatus;
  registration: CallbackRegisteredData;
  agent: string | null;
  memo: string | null;
  completedAt: string | null;
  /** The linked recording's audio; null when none was linked or it expired. */
  recording: RecordingAudio | null;
  recordingExpired: boolean;
}

/** State of a callback stream: discriminated on `status`. */
export type CallbackState = { status: 'absent' } | ExistingCallback;
