import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { callbacksCsv, csvContentType, csvFileName } from '#infra';
import { CALLBACK_SEARCH, type CallbackSearch, SearchLimitExceededError } from '#read-store';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '#runtime';
import { SettingsReader } from '../shared/settings-reader.js';
import { type CallbacksCsvFile, ExportCallbacksCsvQuery } from './export-callbacks-csv.query.js';

/**
 * The cap is checked by counting (at most cap + 1) before a byte is produced, so a refusal is a clean
 * 422; the rows are then streamed through the CSV writer in constant memory.
 */
@QueryHandler(ExportCallbacksCsvQuery)
export class ExportCallbacksCsvHandler implements IQueryHandler<ExportCallbacksCsvQuery, CallbacksCsvFile> {
  constructor(
    @Inject(CALLBACK_SEARCH) private readonly callbacks: CallbackSearch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsReader,
  ) {}

  async execute({ request, account }: ExportCallbacksCsvQuery): Promise<CallbacksCsvFile> {
    const { criteria, sort, encoding } = request;
    const narrowing = { columns: account.columns };
    const { settings } = await this.settings.current();
    const matched = await this.callbacks.count(criteria, narrowing, settings.searchCap + 1);
    if (matched > settings.searchCap) throw new SearchLimitExceededError(settings.searchCap, matched);
    const timeZone = this.config.displayTimeZone;
    return {
      content: callbacksCsv(this.callbacks.stream(criteria, narrowing, sort), { encoding, timeZone }),
      fileName: csvFileName({ at: this.clock.now(), timeZone, encoding }),
      contentType: csvContentType(encoding),
    };
  }
}
