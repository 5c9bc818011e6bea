import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type ErasureRequestRecord, ListErasureRequestsQuery, RequestErasureCommand } from '#application';
import { Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';

const erasureBody = z.strictObject({ callerNumber: z.string().max(100) });

/** 個人情報の削除依頼: erase every callback of a caller number; the log keeps who asked and how many. */
@ApiTags('erasure-requests')
@ApiBearerAuth()
@Controller('erasure-requests')
export class ErasureRequestsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Permit('administer')
  @ApiOperation({
    summary: 'Erase every callback of a caller number (any input form): keys shredded, streams and views deleted',
  })
  @ApiBody({ schema: openApiSchema(erasureBody) })
  async request(@Body(new ZodBody(erasureBody)) body: z.output<typeof erasureBody>, @CommandHttp() http: CommandHttp) {
    const record: ErasureRequestRecord = await this.commands.execute(
      new RequestErasureCommand(body.callerNumber, issuedBy(http)),
    );
    void http.reply.status(201);
    return record;
  }

  @Get()
  @Permit('administer')
  @ApiOperation({ summary: 'The erasure requests made so far, newest first (never the numbers)' })
  async list() {
    const items: ErasureRequestRecord[] = await this.queries.execute(new ListErasureRequestsQuery());
    return { items };
  }
}
