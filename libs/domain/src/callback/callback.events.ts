import type { RecordingAudio } from '../recording/recording.events.js';

/** Facts about one callback (stream `callback-<id>`). Times are UTC ISO-8601 strings. */
export interface CallbackRegisteredData {
  callbackId: string;
  requestId: string;
  receivedAt: string;
  registeredAt: string;
  callCenter: string;
  businessLabel: string | null;
  /** Normalised (`+` and digits only); null = withheld number. */
  callerNumber: string | null;
  ourNumber: string;
  recordingId: string | null;
  /** True when the client set `registeredAt` itself (backfill); a retry is then compared on it too. */
  registeredAtGiven: boolean;
}

export type CallbackEvent =
  | { type: 'CallbackRegistered'; data: CallbackRegisteredData }
  | { type: 'AgentAssigned'; data: { callbackId: string; agent: string } }
  | { type: 'AgentUnassigned'; data: { callbackId: string } }
  | { type: 'CallbackCompleted'; data: { callbackId: string; completedAt: string } }
  | { type: 'CallbackReopened'; data: { callbackId: string } }
  | { type: 'MemoEdited'; data: { callbackId: string; memo: string } }
  /** Appended with the registration that named an uploaded recording: the callback now holds its audio. */
  | { type: 'RecordingLinked'; data: RecordingAudio & { callbackId: string } }
  /** Unlinked by the recording cap (録音の上限): the callback stays, the audio is deleted. */
  | { type: 'RecordingExpired'; data: { callbackId: string; recordingId: string; reason: 'cap' } };

export type CallbackEventType = CallbackEvent['type'];

export const callbackEventTypes: readonly CallbackEventType[] = [
  'CallbackRegistered',
  'AgentAssigned',
  'AgentUnassigned',
  'CallbackCompleted',
  'CallbackReopened',
  'MemoEdited',
  'RecordingLinked',
  'RecordingExpired',
];
