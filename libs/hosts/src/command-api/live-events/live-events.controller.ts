import { Controller, Get, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { StreamLiveEventsQuery } from '#application';
import { type LiveStream, type LiveStreamSink, TooManyLiveStreamsError, sseHeaders } from '#infra';
import { type AuthenticatedRequest, Permit } from '../auth/auth.guard.js';
import { isAllowed } from '../auth/permissions.js';
import { ApiProblem } from '../http/problem.js';

@ApiTags('live events')
@ApiBearerAuth()
@Controller('events')
export class LiveEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Permit('self')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-Sent Events: asyncsearch.updated for own searches, callback.changed {id, version}; heartbeat, id: and Last-Event-ID',
  })
  async stream(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const account = request.account!;
    const raw = reply.raw;
    // Headers go out with the first frame, so a refusal (too many streams) can still be a plain 429.
    const sink: LiveStreamSink = {
      write: (chunk) => {
        if (!raw.headersSent) raw.writeHead(200, { ...sseHeaders, 'x-correlation-id': request.id });
        return raw.write(chunk);
      },
      get writableLength() {
        return raw.writableLength;
      },
      destroy: () => raw.destroy(),
    };
    let stream: LiveStream | null;
    try {
      stream = await this.queries.execute(
        new StreamLiveEventsQuery(
          account.id,
          isAllowed(account.roles, 'search'),
          request.headers['last-event-id'],
          sink,
        ),
      );
    } catch (error) {
      if (error instanceof TooManyLiveStreamsError) {
        throw new ApiProblem(
          'TOO_MANY_REQUESTS',
          `at most ${error.limit} live event streams per account are open at once`,
        );
      }
      throw error;
    }
    if (!stream) throw new ApiProblem('SERVICE_UNAVAILABLE', 'live events are not available in this deployment');
    const opened = stream;
    // From here the response is the stream's: Fastify sends nothing more.
    void reply.hijack();
    raw.on('close', () => opened.close());
  }
}
