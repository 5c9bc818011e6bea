import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, streamNames } from '#domain';
import { type Actor, EVENT_STORE, type EventStore } from '#event-store';
import { GetCallbackHistoryQuery } from './get-callback-history.query.js';

export interface CallbackHistory {
  id: string;
  events: { type: string; version: number; occurredAt: string; actor: Actor; data: unknown }[];
}

/** Read straight from the callback's stream, upcast like every read (the kernel's event store). */
@QueryHandler(GetCallbackHistoryQuery)
export class GetCallbackHistoryHandler implements IQueryHandler<GetCallbackHistoryQuery, CallbackHistory> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ callbackId }: GetCallbackHistoryQuery): Promise<CallbackHistory> {
    const recorded = await this.eventStore.readStream(streamNames.callback(callbackId));
    if (recorded.length === 0) throw new DomainError('NOT_FOUND', `no callback ${callbackId}`);
    return {
      id: callbackId,
      events: recorded.map((event) => ({
        type: event.type,
        version: event.revision,
        occurredAt: event.metadata.occurredAt,
        actor: event.metadata.actor,
        data: event.data,
      })),
    };
  }
}
