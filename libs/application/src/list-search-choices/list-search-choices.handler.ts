import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CALLBACK_CHOICES, type CallbackChoices, type SearchChoices } from '#read-store';
import { ListSearchChoicesQuery } from './list-search-choices.query.js';

@QueryHandler(ListSearchChoicesQuery)
export class ListSearchChoicesHandler implements IQueryHandler<ListSearchChoicesQuery, SearchChoices> {
  constructor(@Inject(CALLBACK_CHOICES) private readonly choices: CallbackChoices) {}

  execute(_query: ListSearchChoicesQuery): Promise<SearchChoices> {
    return this.choices.searchChoices();
  }
}
