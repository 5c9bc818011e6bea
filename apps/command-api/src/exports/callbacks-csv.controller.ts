import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Account } from '#domain';
import { callbacksCsv, csvContentType, csvFileName } from '#infra';
import { READ_STORE, type ReadStore, SearchLimitExceededError } from '#read-store';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '#runtime';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { parseListQuery } from '../queries/search-query.js';
import { SettingsReader } from '../settings/settings-reader.js';

/**
 * GET /callbacks.csv: the current search result as a download (product.md §5). The cap is checked by
 * counting (at most cap + 1) before a byte is sent, so a refusal is a clean 422; the rows are then
 * streamed from the read store through the CSV writer with back-pressure, in constant memory.
 */
@ApiTags('queries')
@ApiBearerAuth()
@Controller()
export class CallbacksCsvController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsReader,
  ) {}

  @Get('callbacks.csv')
  @Permit('search')
  @ApiOperation({ summary: 'The search result as CSV (UTF-8 with BOM, or encoding=shift_jis); same cap as the search' })
  @ApiProduces('text/csv')
  async download(@Query() raw: unknown, @CurrentAccount() account: Account, @Res() reply: FastifyReply) {
    const query = parseListQuery(raw);
    const narrowing = { columns: account.columns };
    const { settings } = await this.settings.current();
    const matched = await this.readStore.count(query.criteria, narrowing, settings.searchCap + 1);
    if (matched > settings.searchCap) throw new SearchLimitExceededError(settings.searchCap, matched);
    const timeZone = this.config.displayTimeZone;
    const csv = callbacksCsv(this.readStore.stream(query.criteria, narrowing, query.sort), {
      encoding: query.encoding,
      timeZone,
    });
    const name = csvFileName({ at: this.clock.now(), timeZone, encoding: query.encoding });
    await reply
      .header('content-type', csvContentType(query.encoding))
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
