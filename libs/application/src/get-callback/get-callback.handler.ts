import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, streamNames } from '#domain';
import type { CallbackView } from '#read-store';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CALLBACK_SEARCH, type CallbackSearch } from '#read-store';
import { GetCallbackQuery } from './get-callback.query.js';

export type CallbackDetail = CallbackView & {
  history: { events: number; lastChangedAt: string | null; lastChangedBy: string | null };
};

@QueryHandler(GetCallbackQuery)
export class GetCallbackHandler implements IQueryHandler<GetCallbackQuery, CallbackDetail> {
  constructor(
    @Inject(CALLBACK_SEARCH) private readonly callbacks: CallbackSearch,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  async execute({ callbackId }: GetCallbackQuery): Promise<CallbackDetail> {
    const view = await this.callbacks.get(callbackId);
    if (!view) throw new DomainError('NOT_FOUND', `no callback ${callbackId}`);
    const events = await this.eventStore.readStream(streamNames.callback(callbackId));
    const last = events[events.length - 1];
    return {
      ...view,
      history: {
        events: events.length,
        lastChangedAt: last?.metadata.occurredAt ?? null,
        lastChangedBy: last?.metadata.actor.name ?? null,
      },
    };
  }
}
