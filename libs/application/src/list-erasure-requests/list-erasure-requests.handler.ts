import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { streamNames } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { type ErasureRequestRecord, erasureRequestedEvent } from '../request-erasure/request-erasure.command.js';
import { ListErasureRequestsQuery } from './list-erasure-requests.query.js';

/** Read from the audit stream itself: a handful of events a year, no view needed. */
@QueryHandler(ListErasureRequestsQuery)
export class ListErasureRequestsHandler implements IQueryHandler<ListErasureRequestsQuery, ErasureRequestRecord[]> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute(): Promise<ErasureRequestRecord[]> {
    const events = await this.eventStore.readStream(streamNames.erasureRequests());
    return events
      .filter((event) => event.type === erasureRequestedEvent)
      .map((event) => {
        const data = event.data as { id: string; erased: number };
        const { id, name } = event.metadata.actor;
        return { id: data.id, requestedAt: event.metadata.occurredAt, requestedBy: { id, name }, erased: data.erased };
      })
      .reverse();
  }
}
