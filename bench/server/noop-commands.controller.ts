import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Permit } from '#hosts';
import {
  type RegisterCallbackBody,
  assignAgentBody,
  bareCommandBody,
  editMemoBody,
  registerCallbackBody,
} from '#hosts';
import { callbackIdFor } from '#domain';
import { callbackIdParam } from '#hosts';
import { ZodBody } from '#hosts';
import { CommandHttp } from '#hosts';

/**
 * The baseline of the command benchmark: the same routes as CallbackCommandsController under `/noop`,
 * behind the same global guard (token lookup in the event store), body parser, zod pipes, CommandHttp and
 * problem filter, but answering without running the command (no read, decide or append).
 */
@ApiExcludeController()
@Controller('noop/callbacks')
export class NoopCallbackCommandsController {
  @Post()
  @Permit('registerCallback')
  register(@Body(new ZodBody(registerCallbackBody)) body: RegisterCallbackBody, @CommandHttp() http: CommandHttp) {
    void http.reply.status(201).header('etag', '"0"');
    return { id: callbackIdFor(body.requestId), version: 0 };
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Permit('handleCallback')
  assign(
    @Param('id') id: string,
    @Body(new ZodBody(assignAgentBody)) _body: unknown,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.answer(id, http);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Permit('handleCallback')
  complete(
    @Param('id') id: string,
    @Body(new ZodBody(bareCommandBody)) _body: unknown,
    @CommandHttp() http: CommandHttp,
  ) {
    return this.answer(id, http);
  }

  @Put(':id/memo')
  @HttpCode(200)
  @Permit('handleCallback')
  editMemo(@Param('id') id: string, @Body(new ZodBody(editMemoBody)) _body: unknown, @CommandHttp() http: CommandHttp) {
    return this.answer(id, http);
  }

  private answer(id: string, http: CommandHttp) {
    const callbackId = callbackIdParam(id);
    void http.reply.header('etag', '"1"');
    return { id: callbackId, version: 1 };
  }
}
