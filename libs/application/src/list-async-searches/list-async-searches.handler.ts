import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ASYNC_SEARCH_LIST, type AsyncSearchList, type AsyncSearchListRow } from '#read-store';
import { ListAsyncSearchesQuery } from './list-async-searches.query.js';

@QueryHandler(ListAsyncSearchesQuery)
export class ListAsyncSearchesHandler implements IQueryHandler<ListAsyncSearchesQuery, AsyncSearchListRow[]> {
  constructor(@Inject(ASYNC_SEARCH_LIST) private readonly list: AsyncSearchList) {}

  execute({ ownerId }: ListAsyncSearchesQuery): Promise<AsyncSearchListRow[]> {
    return this.list.listAsyncSearches(ownerId);
  }
}
