import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Account } from '#domain';
import { BLOB_STORE, type BlobStore, csvContentType, csvFileName } from '#infra';
import { READ_STORE, type ReadStore } from '#read-store';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { CurrentAccount, Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp } from '../http/command-http.js';
import { ApiProblem } from '../http/problem.js';
import { type RequestAsyncSearchBody, itemOfRow, itemOfState, requestAsyncSearchBody } from './async-search.dto.js';
import { AsyncSearchRequests } from './async-search-requests.js';

/**
 * 非同期検索 (api.md "Asynchronous search"). Only the owner (or an admin) sees a search: for anyone else
 * it does not exist (404). The list is the projection; a single search is read from its own stream.
 */
@ApiTags('async-searches')
@ApiBearerAuth()
@Controller('async-searches')
export class AsyncSearchesController {
  constructor(
    private readonly requests: AsyncSearchRequests,
    @Inject(READ_STORE) private readonly list: ReadStore,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
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
    const created = await this.requests.request(body, http.account, http.correlationId);
    void http.reply.status(201).header('location', `/async-searches/${created.id}`);
    return created;
  }

  @Get()
  @Permit('search')
  @ApiOperation({ summary: "The caller's asynchronous searches, newest first" })
  async mine(@CurrentAccount() account: Account) {
    const rows = await this.list.listAsyncSearches(account.id);
    return { items: rows.map(itemOfRow) };
  }

  @Get(':id')
  @Permit('search')
  @ApiOperation({ summary: 'One asynchronous search' })
  async one(@Param('id') id: string, @CurrentAccount() account: Account) {
    return itemOfState(await this.requests.findVisible(id, account));
  }

  @Get(':id/download')
  @Permit('search')
  @ApiOperation({ summary: 'The CSV of a succeeded search (409 INVALID_TRANSITION before)' })
  async download(@Param('id') id: string, @CurrentAccount() account: Account, @Res() reply: FastifyReply) {
    const search = await this.requests.findVisible(id, account);
    if (search.status !== 'succeeded' || search.fileId === null) {
      throw new ApiProblem('INVALID_TRANSITION', `the async search is ${search.status}; download it once succeeded`);
    }
    const file = await this.blobStore.get(search.fileId);
    if (file === null) throw new ApiProblem('NOT_FOUND', `the file of async search ${id} no longer exists`);
    const { encoding, requestedAt } = search.request;
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
  @ApiOperation({ summary: 'Run a failed search again (409 INVALID_TRANSITION unless failed)' })
  async retry(@Param('id') id: string, @CommandHttp() http: CommandHttp) {
    const search = await this.requests.findVisible(id, http.account);
    return this.requests.retry(search, http.account, http.correlationId);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permit('search')
  @ApiOperation({ summary: 'Delete the search and its file; frees its place among the 10' })
  async remove(@Param('id') id: string, @CommandHttp() http: CommandHttp): Promise<void> {
    const search = await this.requests.findVisible(id, http.account);
    await this.requests.delete(search, http.account, http.correlationId);
  }
}
