import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { RecordingCommand, RecordingEvent, RecordingState } from './recording.events.js';

function decide(command: RecordingCommand, state: RecordingState): RecordingEvent[] {
  const { recordingId } = command;
  switch (command.type) {
    case 'UploadRecording':
      if (state.status !== 'absent') throw new DomainError('INVALID_TRANSITION', `recording ${recordingId} exists`);
      return [{ type: 'RecordingUploaded', data: { ...command.audio, uploadedAt: command.now.toISOString() } }];
    case 'ClaimRecording': {
      // An unknown or deleted upload is a wrong field of the registration, not a missing resource.
      if (state.status === 'absent' || state.status === 'discarded') {
        throw DomainError.validation([{ field: 'recordingId', message: 'no such recording (unknown or deleted)' }]);
      }
      if (state.status === 'claimed') {
        if (state.callbackId === command.callbackId) return [];
        throw new DomainError('RECORDING_ALREADY_LINKED', `recording ${recordingId} is linked to another callback`);
      }
      const claimedAt = command.now.toISOString();
      return [{ type: 'RecordingClaimed', data: { recordingId, callbackId: command.callbackId, claimedAt } }];
    }
    case 'ReleaseRecording':
      return state.status === 'claimed' && state.callbackId === command.callbackId
        ? [{ type: 'RecordingReleased', data: { recordingId, callbackId: command.callbackId } }]
        : [];
    case 'DiscardRecording':
      if (state.status === 'absent' || state.status === 'discarded') return [];
      // An unlinked upload is discarded only while still unclaimed: a claim that won the race keeps it.
      if (command.reason === 'unlinked' && state.status !== 'uploaded') return [];
      return [{ type: 'RecordingDiscarded', data: { recordingId, reason: command.reason } }];
    default:
      return assertNever(command);
  }
}

function evolve(state: RecordingState, event: RecordingEvent): RecordingState {
  if (event.type === 'RecordingUploaded') {
    const { uploadedAt, ...audio } = event.data;
    return { status: 'uploaded', audio, uploadedAt, callbackId: null, claimedAt: null };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'RecordingClaimed':
      return { ...state, status: 'claimed', callbackId: event.data.callbackId, claimedAt: event.data.claimedAt };
    case 'RecordingReleased':
      return { ...state, status: 'uploaded', callbackId: null, claimedAt: null };
    case 'RecordingDiscarded':
      return { ...state, status: 'discarded' };
    default:
      return assertNever(event);
  }
}

/** The behaviour of one uploaded recording (stream `recording-<id>`): linked to at most one callback. */
export const recordingDecider: Decider<RecordingCommand, RecordingEvent, RecordingState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
