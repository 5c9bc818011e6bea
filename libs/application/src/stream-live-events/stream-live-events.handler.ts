import { Inject, Optional } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type LiveEventHub, type LiveStream, mayReceiveFor } from '#infra';
import { StreamLiveEventsQuery } from './stream-live-events.query.js';

/** The process's one LiveEventHub (provided by the command API host; absent where no feed is wired). */
export const LIVE_EVENT_HUB = Symbol('LIVE_EVENT_HUB');

/** Null when this deployment has no live changes feed. Throws `TooManyLiveStreamsError` past the per-account limit. */
@QueryHandler(StreamLiveEventsQuery)
export class StreamLiveEventsHandler implements IQueryHandler<StreamLiveEventsQuery, LiveStream | null> {
  constructor(@Optional() @Inject(LIVE_EVENT_HUB) private readonly hub: LiveEventHub | null = null) {}

  async execute({ accountId, mayReadCallbacks, lastEventId, sink }: StreamLiveEventsQuery): Promise<LiveStream | null> {
    if (!this.hub) return null;
    return this.hub.connect({ accountId, lastEventId, sink, mayReceive: mayReceiveFor(accountId, mayReadCallbacks) });
  }
}
