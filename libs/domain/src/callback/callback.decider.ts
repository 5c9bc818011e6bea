import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { CallbackCommand } from './callback.commands.js';
import type { CallbackEvent } from './callback.events.js';
import type { CallbackState, ExistingCallback } from './callback.state.js';
import { isSameRegistration, parseAgent, parseMemo, parseRegistration } from './callback.values.js';

function decide(command: CallbackCommand, state: CallbackState): CallbackEvent[] {
  if (command.type === 'RegisterCallback') return register(command, state);
  if (state.status === 'absent') throw new DomainError('NOT_FOUND', `callback ${command.callbackId} not found`);
  const { callbackId } = command;
  switch (command.type) {
    case 'AssignAgent': {
      const agent = parseAgent(command.agent);
      return state.agent === agent ? [] : [{ type: 'AgentAssigned', data: { callbackId, agent } }];
    }
    case 'UnassignAgent':
      return state.agent === null ? [] : [{ type: 'AgentUnassigned', data: { callbackId } }];
    case 'CompleteCallback':
      return state.status === 'complete'
        ? []
        : [{ type: 'CallbackCompleted', data: { callbackId, completedAt: command.now.toISOString() } }];
    case 'ReopenCallback':
      return state.status === 'incomplete' ? [] : [{ type: 'CallbackReopened', data: { callbackId } }];
    case 'EditMemo': {
      const memo = parseMemo(command.memo);
      return (memo === '' ? null : memo) === state.memo ? [] : [{ type: 'MemoEdited', data: { callbackId, memo } }];
    }
    case 'ExpireRecording':
      return state.recording?.recordingId === command.recordingId
        ? [{ type: 'RecordingExpired', data: { callbackId, recordingId: command.recordingId, reason: 'cap' } }]
        : [];
    default:
      return assertNever(command);
  }
}

function register(
  command: Extract<CallbackCommand, { type: 'RegisterCallback' }>,
  state: CallbackState,
): CallbackEvent[] {
  const registration = parseRegistration(command.callbackId, command.input, command.now);
  if (state.status === 'absent') {
    const registered: CallbackEvent = { type: 'CallbackRegistered', data: registration };
    if (registration.recordingId === null) return [registered];
    const audio = command.recording;
    if (!audio || audio.recordingId !== registration.recordingId) {
      throw DomainError.validation([{ field: 'recordingId', message: 'no such recording (unknown or deleted)' }]);
    }
    return [registered, { type: 'RecordingLinked', data: { ...audio, callbackId: command.callbackId } }];
  }
  if (isSameRegistration(state.registration, registration)) return [];
  throw new DomainError(
    'DUPLICATE_REQUEST',
    `requestId ${registration.requestId} was already registered with different data`,
  );
}

function evolve(state: CallbackState, event: CallbackEvent): CallbackState {
  if (event.type === 'CallbackRegistered') {
    return {
      status: 'incomplete',
      registration: event.data,
      agent: null,
      memo: null,
      completedAt: null,
      recording: null,
      recordingExpired: false,
    };
  }
  // Events of a stream always start with the registration; anything else on an absent state is ignored.
  if (state.status === 'absent') return state;
  return evolveExisting(state, event);
}

function evolveExisting(
  state: ExistingCallback,
  event: Exclude<CallbackEvent, { type: 'CallbackRegistered' }>,
): ExistingCallback {
  switch (event.type) {
    case 'AgentAssigned':
      return { ...state, agent: event.data.agent };
    case 'AgentUnassigned':
      return { ...state, agent: null };
    case 'CallbackCompleted':
      return { ...state, status: 'complete' as const, completedAt: event.data.completedAt };
    case 'CallbackReopened':
      return { ...state, status: 'incomplete' as const, completedAt: null };
    case 'MemoEdited':
      return { ...state, memo: event.data.memo === '' ? null : event.data.memo };
    case 'RecordingLinked': {
      const { callbackId: _callbackId, ...audio } = event.data;
      return { ...state, recording: audio, recordingExpired: false };
    }
    case 'RecordingExpired':
      return { ...state, recording: null, recordingExpired: true };
    default:
      return assertNever(event);
  }
}

/** The behaviour of one callback (stream `callback-<id>`). */
export const callbackDecider: Decider<CallbackCommand, CallbackEvent, CallbackState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
