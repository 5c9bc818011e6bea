import { streamNames } from '#domain';
import type { EventData, EventStore } from '#event-store';

function event(type: string, data: Record<string, unknown>): EventData {
  const actor = { id: 'seed', name: 'seed', roles: ['admin'] };
  return {
    type,
    data,
    metadata: {
      actor,
      occurredAt: new Date().toISOString(),
      correlationId: 'seed',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

/**
 * Appends `count` callbacks (registered, assigned, with a memo, every other one completed) straight to the
 * event store: large data sets for process-level tests without thousands of HTTP calls.
 */
export async function seedCallbacks(
  eventStore: EventStore,
  count: number,
  callCenter = (i: number) => `center ${i % 5}`,
) {
  const registeredAt = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < count; i++) {
    const callbackId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await eventStore.appendToStream(
      streamNames.callback(callbackId),
      [
        event('CallbackRegistered', {
          callbackId,
          requestId: `seed-${i}`,
          receivedAt: registeredAt,
          registeredAt,
          callCenter: callCenter(i),
          businessLabel: i % 3 ? 'label' : null,
          callerNumber: `0901234${String(i).padStart(4, '0')}`,
          ourNumber: '0120000111',
          recordingId: null,
          registeredAtGiven: true,
        }),
        event('AgentAssigned', { callbackId, agent: `agent ${i % 7}` }),
        event('MemoEdited', { callbackId, memo: `メモ ${i}` }),
        ...(i % 2 ? [event('CallbackCompleted', { callbackId, completedAt: new Date().toISOString() })] : []),
      ],
      { expectedRevision: 'no_stream' },
    );
  }
}
