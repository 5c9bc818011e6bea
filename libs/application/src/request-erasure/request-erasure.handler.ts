import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parsePhoneNumber, streamNames } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BLOB_STORE, type BlobStore } from '#infra';
import { toEventData } from '#kernel';
import { CALLBACK_RETENTION, CALLBACK_SEARCH, type CallbackRetention, type CallbackSearch } from '#read-store';
import { CLOCK, type Clock } from '#runtime';
import { ExportExpiry, registeredAtAny } from '../expire-async-search-exports/expire-async-search-exports.handler.js';
import { Aggregates } from '../shared/aggregates.js';
import { type ErasureRequestRecord, RequestErasureCommand, erasureRequestedEvent } from './request-erasure.command.js';

const batchSize = 100;

/**
 * Erases every callback of a caller number as retention does (the event store wrapper shreds each
 * callback's data key before its stream goes, then the views leave tombstones), and records who asked and
 * how many were erased, never the number. Callbacks are found in the search view, so one registered in
 * the same instant and not yet projected is not among them; asking again erases it. Async-search files
 * whose rows span the registration of an erased callback expire (期限切れ), as retention's do.
 */
@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand, ErasureRequestRecord> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CALLBACK_SEARCH) private readonly search: CallbackSearch,
    @Inject(CALLBACK_RETENTION) private readonly views: CallbackRetention,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly aggregates: Aggregates,
    @Inject(BLOB_STORE) private readonly exportBlobs: BlobStore,
  ) {}

  async execute({ callerNumber, issuedBy }: RequestErasureCommand): Promise<ErasureRequestRecord> {
    const normalized = parsePhoneNumber(callerNumber, 'callerNumber');
    const ids: string[] = [];
    const registeredAts: string[] = [];
    for await (const view of this.search.stream({ callerNumber: normalized })) {
      ids.push(view.id);
      registeredAts.push(new Date(view.registeredAt).toISOString());
    }
    for (let start = 0; start < ids.length; start += batchSize) {
      const batch = ids.slice(start, start + batchSize);
      await this.eventStore.deleteStreams(batch.map((id) => streamNames.callback(id)));
      await this.views.deleteCallbacks(batch);
    }
    if (registeredAts.length > 0) {
      await new ExportExpiry(this.aggregates, this.exportBlobs, this.clock).expire(registeredAtAny(registeredAts));
    }
    const now = this.clock.now();
    const record: ErasureRequestRecord = {
      id: randomUUID(),
      requestedAt: now.toISOString(),
      requestedBy: { id: issuedBy.actor.id, name: issuedBy.actor.name },
      erased: ids.length,
    };
    await this.eventStore.appendToStream(
      streamNames.erasureRequests(),
      toEventData([{ type: erasureRequestedEvent, data: { id: record.id, erased: record.erased } }], issuedBy, now),
      { expectedRevision: 'any' },
    );
    return record;
  }
}
