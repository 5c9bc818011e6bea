import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  type AsyncSearchFile,
  DeleteAsyncSearchCommand,
  DownloadAsyncSearchQuery,
  GetAsyncSearchQuery,
  ListAsyncSearchesQuery,
  RequestAsyncSearchCommand,
  type RequestedAsyncSearch,
  RetryAsyncSearchCommand,
} from '#application';
import { type Account, type ExistingAsyncSearch } from '#domain';
import { csvContentType, csvFileName } from '#infra';
import type { AsyncSearchListRow } from '#read-store';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { type RequestAsyncSearchBody, itemOfRow, itemOfState, requestAsyncSearchBody } from './async-search.dto.js';

/**
 * 非同期検索 (api.md "Asynchronous search"). Only the owner (or an admin) sees a search: for anyone else
 * it does not exist (404). The list is the projection; a single search is read from its own stream.
 */
@ApiTags('async-searches')
@ApiBearerAuth()
@Controller('async-searches')
export class AsyncSearchesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Permit('search')
  @ApiOperation({ summary: 'Request an asynchronous search (at most 10 kept per account)' })
  @ApiBody({ schema: openApiSchema(requestAsyncSearchBody) })
  async request(
    @Body(new ZodBody(requestAsyncSearchBody)) body: RequestAsyncSearchBody,
    @CommandHttp() http: CommandHttp,
  ) {
    const created: RequestedAsyncSearch = await this.commands.execute(
      new RequestAsyncSearchCommand(body, http.account, issuedBy(http)),
    );
    void http.reply.status(201).header('location', `/async-searches/${created.id}`);
    return created;
  }

  @Get()
  @Permit('search')
  @ApiOperation({ summary: "The caller's asynchronous searches, newest first" })
  async mine(@CurrentAccount() account: Account) {
    const rows: AsyncSearchListRow[] = await this.queries.execute(new ListAsyncSearchesQuery(account.id));
    return { items: rows.map(itemOfRow) };
  }

  @Get(':id')
  @Permit('search')
  @ApiOperation({ summary: 'One asynchronous search' })
  async one(@Param('id') id: string, @CurrentAccount() account: Account) {
    const search: ExistingAsyncSearch = await this.queries.execute(new GetAsyncSearchQuery(id, account));
    return itemOfState(search);
  }

  @Get(':id/download')
  @Permit('search')
  @ApiOperation({
    summary: 'The CSV of a succeeded search (409 INVALID_TRANSITION before, and once expired by retention)',
  })
  async download(@Param('id') id: string, @CurrentAccount() account: Account, @Res() reply: FastifyReply) {
    const { file, encoding, requestedAt }: AsyncSearchFile = await this.queries.execute(
      new DownloadAsyncSearchQuery(id, account),
    );
    const timeZone = this.config.displayTimeZone;
    const name = csvFileName({ kind: 'async-search', at: new Date(requestedAt), timeZone, encoding });
    await reply
      .header('content-type', csvContentType(encoding))
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(file);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Permit('search')
  @ApiOperation({ summary: 'Run a failed or expired search again (409 INVALID_TRANSITION otherwise)' })
  async retry(@Param('id') id: string, @CommandHttp() http: CommandHttp) {
    return this.commands.execute(new RetryAsyncSearchCommand(id, http.account, issuedBy(http)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Permit('search')
  @ApiOperation({ summary: 'Delete the search and its file; frees its place among the 10' })
  async remove(@Param('id') id: string, @CommandHttp() http: CommandHttp): Promise<void> {
    await this.commands.execute(new DeleteAsyncSearchCommand(id, http.account, issuedBy(http)));
  }
}
