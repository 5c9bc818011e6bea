import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CALLBACK_SEARCH, type CallbackSearch, type CallbackSearchResult } from '#read-store';
import { SettingsReader } from '../shared/settings-reader.js';
import { SearchCallbacksQuery } from './search-callbacks.query.js';

@QueryHandler(SearchCallbacksQuery)
export class SearchCallbacksHandler implements IQueryHandler<SearchCallbacksQuery, CallbackSearchResult> {
  constructor(
    @Inject(CALLBACK_SEARCH) private readonly callbacks: CallbackSearch,
    private readonly settings: SettingsReader,
  ) {}

  async execute({ request, account }: SearchCallbacksQuery): Promise<CallbackSearchResult> {
    const { settings } = await this.settings.current();
    return this.callbacks.search({ ...request, narrowing: { columns: account.columns }, cap: settings.searchCap });
  }
}
