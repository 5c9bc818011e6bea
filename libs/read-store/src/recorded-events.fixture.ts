import type { AccountEvent, AsyncSearchEvent, CallbackEvent, CallbackRegisteredData } from '#domain';
import type { RecordedEvent } from '#event-store';

/** Test helper: builds recorded events the way an event store delivers them (streams, revisions, positions). */
export class RecordedEvents {
  private position = 0n;
  private readonly revisions = new Map<string, number>();

  record(
    streamName: string,
    event: { type: string; data: unknown },
    occurredAt = '2024-01-01T00:00:00.000Z',
  ): RecordedEvent {
    const revision = (this.revisions.get(streamName) ?? -1) + 1;
    this.revisions.set(streamName, revision);
    this.position += 10n;
    return {
      id: `${streamName}/${revision}`,
      streamName,
      revision,
      position: this.position,
      recordedAt: new Date(occurredAt),
      type: event.type,
      data: event.data,
      metadata: {
        actor: { id: 'system', name: 'system', roles: [] },
        occurredAt,
        correlationId: 'c',
        causationId: null,
        schemaVersion: 1,
      },
    };
  }

  callback(callbackId: string, event: CallbackEvent): RecordedEvent {
    return this.record(`callback-${callbackId}`, event);
  }

  asyncSearch(asyncSearchId: string, event: AsyncSearchEvent): RecordedEvent {
    return this.record(`asyncsearch-${asyncSearchId}`, event);
  }

  account(accountId: string, event: AccountEvent): RecordedEvent {
    return this.record(`account-${accountId}`, event);
  }
}

export function registration(callbackId: string, overrides: Partial<CallbackRegisteredData> = {}): CallbackEvent {
  return {
    type: 'CallbackRegistered',
    data: {
      callbackId,
      requestId: `req-${callbackId}`,
      receivedAt: '2024-05-01T00:59:00.000Z',
      registeredAt: '2024-05-01T01:00:00.000Z',
      callCenter: '東京センター',
      businessLabel: 'sales',
      callerNumber: '0312345678',
      ourNumber: '0120111222',
      recordingId: null,
      registeredAtGiven: false,
      ...overrides,
    },
  };
}
