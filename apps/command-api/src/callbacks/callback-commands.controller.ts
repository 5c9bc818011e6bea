import { Body, Controller, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CallbackCommand, callbackDecider, streamNames } from '#domain';
import { CLOCK, type Clock } from '#runtime';
import { Permit } from '../auth/auth.guard.js';
import { CommandGateway } from '../commands/command-gateway.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp } from '../http/command-http.js';
import { expectedVersionOf } from '../http/expected-version.js';
import {
  type RegisterCallbackBody,
  assignAgentBody,
  bareCommandBody,
  editMemoBody,
  registerCallbackBody,
} from './callback-commands.dto.js';
import { callbackIdFor, callbackIdParam } from './callback-id.js';

type CommandBody = { expectedVersion?: number | null };

/** The write side of callbacks (api.md "Commands"): every route answers `{ id, version }` and an ETag. */
@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('callbacks')
export class CallbackCommandsController {
  constructor(
    private readonly commands: CommandGateway,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Permit('registerCallback')
  @ApiOperation({ summary: 'Register a callback (idempotent per requestId)' })
  @ApiBody({ schema: openApiSchema(registerCallbackBody) })
  async register(
    @Body(new ZodBody(registerCallbackBody)) body: RegisterCallbackBody,
    @CommandHttp() http: CommandHttp,
  ) {
    const callbackId = callbackIdFor(body.requestId);
    const outcome = await this.commands.run(
      streamNames.callback(callbackId),
      callbackDecider,
      { type: 'RegisterCallback', callbackId, input: body, now: this.clock.now() },
      { account: http.account, correlationId: http.correlationId },
    );
    // A retry of the same call appends nothing and answers 200 with the same id.
    void http.reply.status(outcome.appended > 0 ? 201 : 200).header('etag', `"${outcome.version}"`);
    return { id: callbackId, version: outcome.version };
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Permit('handleCallback')
  @ApiOperation({ summary: 'Assign an agent (担当者)' })
  @ApiBody({ schema: openApiSchema(assignAgentBody) })
  assign(
    @Param('id') id: string,
    @Body(new ZodBody(assignAgentBody)) body: { agent: string } & CommandBody,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.handle(id, body, http, (callbackId, now) => ({
      type: 'AssignAgent',
      callbackId,
      agent: body.agent,
      now,
    }));
  }

  @Post(':id/unassign')
  @HttpCode(200)
  @Permit('handleCallback')
  @ApiOperation({ summary: 'Unassign the agent' })
  @ApiBody({ schema: openApiSchema(bareCommandBody), required: false })
  unassign(
    @Param('id') id: string,
    @Body(new ZodBody(bareCommandBody)) body: CommandBody,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.handle(id, body, http, (callbackId, now) => ({ type: 'UnassignAgent', callbackId, now }));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Permit('handleCallback')
  @ApiOperation({ summary: 'Mark the callback complete (完了)' })
  @ApiBody({ schema: openApiSchema(bareCommandBody), required: false })
  complete(
    @Param('id') id: string,
    @Body(new ZodBody(bareCommandBody)) body: CommandBody,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.handle(id, body, http, (callbackId, now) => ({ type: 'CompleteCallback', callbackId, now }));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Permit('handleCallback')
  @ApiOperation({ summary: 'Reopen the callback (未完了)' })
  @ApiBody({ schema: openApiSchema(bareCommandBody), required: false })
  reopen(
    @Param('id') id: string,
    @Body(new ZodBody(bareCommandBody)) body: CommandBody,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.handle(id, body, http, (callbackId, now) => ({ type: 'ReopenCallback', callbackId, now }));
  }

  @Put(':id/memo')
  @HttpCode(200)
  @Permit('handleCallback')
  @ApiOperation({ summary: 'Edit the memo (メモ; at most 1,000 characters, "" clears it)' })
  @ApiBody({ schema: openApiSchema(editMemoBody) })
  editMemo(
    @Param('id') id: string,
    @Body(new ZodBody(editMemoBody)) body: { memo: string } & CommandBody,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.handle(id, body, http, (callbackId, now) => ({ type: 'EditMemo', callbackId, memo: body.memo, now }));
  }

  private async handle(
    id: string,
    body: CommandBody,
    http: CommandHttp,
    command: (callbackId: string, now: Date) => CallbackCommand,
  ) {
    const callbackId = callbackIdParam(id);
    const outcome = await this.commands.run(
      streamNames.callback(callbackId),
      callbackDecider,
      command(callbackId, this.clock.now()),
      {
        account: http.account,
        correlationId: http.correlationId,
        expectedVersion: expectedVersionOf(http.ifMatch, body.expectedVersion),
      },
    );
    void http.reply.header('etag', `"${outcome.version}"`);
    return { id: callbackId, version: outcome.version };
  }
}
