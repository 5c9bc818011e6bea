import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AssignAgentCommand,
  type CommandResult,
  CompleteCallbackCommand,
  EditMemoCommand,
  RegisterCallbackCommand,
  type RegisterCallbackResult,
  ReopenCallbackCommand,
  UnassignAgentCommand,
} from '#application';
import { Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { expectedVersionOf } from '../http/expected-version.js';
import {
  type RegisterCallbackBody,
  assignAgentBody,
  bareCommandBody,
  editMemoBody,
  registerCallbackBody,
} from './callback-commands.dto.js';
import { callbackIdParam } from './callback-id.js';

type CommandBody = { expectedVersion?: number | null };

/** The write side of callbacks (api.md "Commands"): every route answers `{ id, version }` and an ETag. */
@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('callbacks')
export class CallbackCommandsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Permit('registerCallback')
  @ApiOperation({ summary: 'Register a callback (idempotent per requestId)' })
  @ApiBody({ schema: openApiSchema(registerCallbackBody) })
  async register(
    @Body(new ZodBody(registerCallbackBody)) body: RegisterCallbackBody,
    @CommandHttp() http: CommandHttp,
  ) {
    // Registration is idempotent per requestId and pins no version, but a malformed If-Match is still
    // refused, as on every other command.
    expectedVersionOf(http.ifMatch, undefined);
    const result: RegisterCallbackResult = await this.commands.execute(
      new RegisterCallbackCommand(body, issuedBy(http)),
    );
    // A retry of the same call appends nothing and answers 200 with the same id.
    void http.reply.status(result.created ? 201 : 200).header('etag', `"${result.version}"`);
    return { id: result.id, version: result.version };
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
    return this.send(http, new AssignAgentCommand(callbackIdParam(id), body.agent, this.context(http, body)));
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
    return this.send(http, new UnassignAgentCommand(callbackIdParam(id), this.context(http, body)));
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
    return this.send(http, new CompleteCallbackCommand(callbackIdParam(id), this.context(http, body)));
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
    return this.send(http, new ReopenCallbackCommand(callbackIdParam(id), this.context(http, body)));
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
    return this.send(http, new EditMemoCommand(callbackIdParam(id), body.memo, this.context(http, body)));
  }

  /** If-Match wins over `expectedVersion` in the body (api.md "Optimistic concurrency"). */
  private context(http: CommandHttp, body: CommandBody) {
    return issuedBy(http, expectedVersionOf(http.ifMatch, body.expectedVersion));
  }

  private async send(http: CommandHttp, command: object): Promise<CommandResult> {
    const result: CommandResult = await this.commands.execute(command);
    void http.reply.header('etag', `"${result.version}"`);
    return result;
  }
}
