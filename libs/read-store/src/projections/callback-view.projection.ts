import { type CallbackEvent, assertNever, callbackEventTypes, idFromStream, streamCategories } from '#domain';
import type { CallbackView } from '../callback-view.js';
import type { RecordedEvent } from '#event-store';
import { type Projection, eventOf } from './projection.js';

/** Every view keyed by callback id reads the id from the stream name, the one place it is sure to be. */
export function callbackKeyOf(event: RecordedEvent): string | null {
  return idFromStream(streamCategories.callback, event.streamName);
}

function evolveCallbackView(view: CallbackView | null, recorded: RecordedEvent): CallbackView | null {
  const event = eventOf<CallbackEvent>(recorded);
  const version = recorded.revision;
  if (event.type === 'CallbackRegistered') {
    const data = event.data;
    return {
      id: data.callbackId,
      registeredAt: new Date(data.registeredAt).toISOString(),
      receivedAt: new Date(data.receivedAt).toISOString(),
      agent: null,
      status: 'incomplete',
      callCenter: data.callCenter,
      businessLabel: data.businessLabel,
      callerNumber: data.callerNumber,
      ourNumber: data.ourNumber,
      requestId: data.requestId,
      // Linked by the RecordingLinked event that follows; a registration alone never shows a recording.
      recording: null,
      recordingExpired: false,
      memo: null,
      version,
      completedAt: null,
    };
  }
  // A later event without the registration (its row was deleted by retention) must not invent a row.
  if (view === null) return null;
  switch (event.type) {
    case 'AgentAssigned':
      return { ...view, agent: event.data.agent, version };
    case 'AgentUnassigned':
      return { ...view, agent: null, version };
    case 'CallbackCompleted':
      return { ...view, status: 'complete', completedAt: new Date(event.data.completedAt).toISOString(), version };
    case 'CallbackReopened':
      return { ...view, status: 'incomplete', completedAt: null, version };
    case 'MemoEdited':
      return { ...view, memo: event.data.memo === '' ? null : event.data.memo, version };
    case 'RecordingLinked':
      return { ...view, recording: event.data.recordingId, recordingExpired: false, version };
    case 'RecordingExpired':
      return { ...view, recording: null, recordingExpired: true, version };
    default:
      return assertNever(event);
  }
}

/** The callback list / detail / CSV view (`callbacks`). Times are normalised to `toISOString()` so they sort as text. */
export const callbackViewProjection: Projection<CallbackView, 'callbacks'> = {
  name: 'callbacks',
  version: 1,
  handles: callbackEventTypes,
  keyOf: callbackKeyOf,
  evolve: evolveCallbackView,
  registeredAtOf: (view) => view.registeredAt,
};
