import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type CallbacksCsvFile, ExportCallbacksCsvQuery } from '#application';
import { type Account } from '#domain';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { parseListQuery } from '../queries/search-query.js';

/** GET /callbacks.csv: the current search result as a download (product.md §5). */
@ApiTags('queries')
@ApiBearerAuth()
@Controller()
export class CallbacksCsvController {
  constructor(private readonly queries: QueryBus) {}

  @Get('callbacks.csv')
  @Permit('search')
  @ApiOperation({ summary: 'The search result as CSV (UTF-8 with BOM, or encoding=shift_jis); same cap as the search' })
  @ApiProduces('text/csv')
  async download(@Query() raw: unknown, @CurrentAccount() account: Account, @Res() reply: FastifyReply) {
    const { criteria, sort, encoding } = parseListQuery(raw);
    const csv: CallbacksCsvFile = await this.queries.execute(
      new ExportCallbacksCsvQuery({ criteria, sort, encoding }, account),
    );
    await reply
      .header('content-type', csv.contentType)
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .header('cache-control', 'no-store')
      .send(csv.content);
  }
}
