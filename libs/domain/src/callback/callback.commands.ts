import type { RecordingAudio } from '../recording/recording.events.js';

/**
 * Commands carry the client's raw (type-checked) input; the decider validates it through value objects.
 * `now` is the server time the command was received at: the domain never reads a clock.
 */
export interface RegisterCallbackInput {
  requestId: string;
  receivedAt: string;
  registeredAt?: string | null;
  callCenter: string;
  businessLabel?: string | null;
  callerNumber?: string | null;
  ourNumber: string;
  recordingId?: string | null;
}

export type CallbackCommand =
  | {
      type: 'RegisterCallback';
      callbackId: string;
      input: RegisterCallbackInput;
      now: Date;
      /** The uploaded audio `input.recordingId` names, already claimed for this callback by the use case. */
      recording?: RecordingAudio | null;
    }
  | { type: 'AssignAgent'; callbackId: string; agent: string; now: Date }
  | { type: 'UnassignAgent'; callbackId: string; now: Date }
  | { type: 'CompleteCallback'; callbackId: string; now: Date }
  | { type: 'ReopenCallback'; callbackId: string; now: Date }
  | { type: 'EditMemo'; callbackId: string; memo: string; now: Date }
  | { type: 'ExpireRecording'; callbackId: string; recordingId: string; now: Date };

export type CallbackCommandType = CallbackCommand['type'];
