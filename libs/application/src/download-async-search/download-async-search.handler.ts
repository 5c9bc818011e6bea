import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#domain';
import { BLOB_STORE, type BlobStore } from '#infra';
import { VisibleAsyncSearches } from '../shared/visible-async-search.js';
import { type AsyncSearchFile, DownloadAsyncSearchQuery } from './download-async-search.query.js';

@QueryHandler(DownloadAsyncSearchQuery)
export class DownloadAsyncSearchHandler implements IQueryHandler<DownloadAsyncSearchQuery, AsyncSearchFile> {
  constructor(
    private readonly visible: VisibleAsyncSearches,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
  ) {}

  async execute({ asyncSearchId, account }: DownloadAsyncSearchQuery): Promise<AsyncSearchFile> {
    const search = await this.visible.find(asyncSearchId, account);
    if (search.status === 'expired') {
      throw new DomainError(
        'INVALID_TRANSITION',
        'the async search expired: its file held a callback past retention and was deleted; run it again',
      );
    }
    if (search.status !== 'succeeded' || search.fileId === null) {
      throw new DomainError('INVALID_TRANSITION', `the async search is ${search.status}; download it once succeeded`);
    }
    const file = await this.blobStore.get(search.fileId);
    if (file === null) throw new DomainError('NOT_FOUND', `the file of async search ${asyncSearchId} no longer exists`);
    return { file, encoding: search.request.encoding, requestedAt: search.request.requestedAt };
  }
}
