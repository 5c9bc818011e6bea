import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BLOB_STORE, type BlobStore } from '#infra';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { AsyncSearchSlots } from '../shared/async-search-slots.js';
import { VisibleAsyncSearches } from '../shared/visible-async-search.js';
import { DeleteAsyncSearchCommand } from './delete-async-search.command.js';

@CommandHandler(DeleteAsyncSearchCommand)
export class DeleteAsyncSearchHandler implements ICommandHandler<DeleteAsyncSearchCommand, void> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly visible: VisibleAsyncSearches,
    private readonly slots: AsyncSearchSlots,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ asyncSearchId, account, issuedBy }: DeleteAsyncSearchCommand): Promise<void> {
    const search = await this.visible.find(asyncSearchId, account);
    await this.aggregates.asyncSearches.run(
      asyncSearchId,
      { type: 'DeleteAsyncSearch', now: this.clock.now() },
      issuedBy,
    );
    // The file the search had when the delete was decided (a worker that succeeded just before is
    // included; one finishing later is refused by the decider and removes its own file). The deletion
    // shreds the search's criteria and memo, after which only `AsyncSearchDeleted` still reads; the files
    // of older events are also taken when they still read (a deletion recorded before it named its file).
    const { events } = await this.aggregates.asyncSearches.load(asyncSearchId);
    for (const event of events) {
      const fileId =
        event.type === 'AsyncSearchSucceeded' || event.type === 'AsyncSearchDeleted' ? event.data.fileId : null;
      if (fileId) await this.blobStore.delete(fileId);
    }
    await this.slots.release(search.request.ownerId, asyncSearchId, issuedBy);
  }
}
