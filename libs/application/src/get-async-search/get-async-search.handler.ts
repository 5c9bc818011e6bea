import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ExistingAsyncSearch } from '#domain';
import { VisibleAsyncSearches } from '../shared/visible-async-search.js';
import { GetAsyncSearchQuery } from './get-async-search.query.js';

@QueryHandler(GetAsyncSearchQuery)
export class GetAsyncSearchHandler implements IQueryHandler<GetAsyncSearchQuery, ExistingAsyncSearch> {
  constructor(private readonly visible: VisibleAsyncSearches) {}

  execute({ asyncSearchId, account }: GetAsyncSearchQuery): Promise<ExistingAsyncSearch> {
    return this.visible.find(asyncSearchId, account);
  }
}
