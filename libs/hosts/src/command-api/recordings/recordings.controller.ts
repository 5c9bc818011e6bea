import type { Readable } from 'node:stream';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import {
  type CallbackRecordingFile,
  DownloadRecordingsQuery,
  GetCallbackRecordingQuery,
  type RecordingsArchive,
  UploadRecordingCommand,
  type UploadRecordingResult,
} from '#application';
import { Permit } from '../auth/auth.guard.js';
import { callbackIdParam } from '../callbacks/callback-id.js';
import { CommandHttp, issuedBy } from '../http/command-http.js';
import { ApiProblem } from '../http/problem.js';
import { recordingBodyOf } from './recording-body.js';
import { periodQuery } from './recordings.dto.js';

/** Recordings (api.md "Recordings"): upload, play (Range), bulk ZIP. */
@ApiTags('recordings')
@ApiBearerAuth()
@Controller()
export class RecordingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('recordings')
  @Permit('uploadRecording')
  @ApiOperation({
    summary:
      'Upload a recording (raw audio body: WAV, MP3, Ogg/Opus, M4A/AAC, WebM); register it with a callback by recordingId',
  })
  @ApiBody({ description: 'The audio bytes', schema: { type: 'string', format: 'binary' } })
  async upload(@Req() request: FastifyRequest, @CommandHttp() http: CommandHttp) {
    const { body, declaredBytes } = recordingBodyOf(request);
    const result: UploadRecordingResult = await this.commands.execute(
      new UploadRecordingCommand(body, declaredBytes, issuedBy(http)),
    );
    void http.reply.status(201);
    return { recordingId: result.recordingId };
  }

  @Get('callbacks/:id/recording')
  @Permit('search')
  @ApiOperation({ summary: 'The callback’s recording for playing (inline, single-range Range requests)' })
  @ApiProduces('audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/mp4', 'audio/aac', 'audio/webm')
  async play(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const file: CallbackRecordingFile = await this.queries.execute(new GetCallbackRecordingQuery(callbackIdParam(id)));
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', 'inline')
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'no-store');
    const range = this.rangeOf(request.headers.range, file.byteSize, reply);
    const body = await file.open(range ?? undefined);
    if (body === null) throw new ApiProblem('NOT_FOUND', 'the recording was deleted');
    if (range === null) {
      await reply.header('content-length', String(file.byteSize)).send(body);
      return;
    }
    await reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.byteSize}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(body);
  }

  @Get('recordings/bulk')
  @Permit('administer')
  @ApiOperation({
    summary: '録音一括ダウンロード: a ZIP of the linked recordings registered in the period, with index.csv',
  })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (display zone) or ISO-8601 date-time' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (inclusive) or ISO-8601 date-time' })
  @ApiProduces('application/zip')
  async bulk(@Query() raw: unknown, @Res() reply: FastifyReply) {
    const { from, to } = periodQuery(raw);
    const archive: RecordingsArchive = await this.queries.execute(new DownloadRecordingsQuery(from, to, new Date()));
    await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${archive.fileName}"`)
      .header('cache-control', 'no-store')
      .send(archive.zip as Readable);
  }

  /** One range of the Range header, or null for the whole file; several ranges are served whole (allowed). */
  private rangeOf(
    header: string | undefined,
    size: number,
    reply: FastifyReply,
  ): { start: number; end: number } | null {
    if (header === undefined) return null;
    const ranges = parseRange(size, header, { combine: true });
    if (ranges === -1) {
      // RFC 9110: a 416 names the current length.
      void reply.header('content-range', `bytes */${size}`);
      throw new ApiProblem('RANGE_NOT_SATISFIABLE', `the range lies outside the recording's ${size} bytes`);
    }
    if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
    return { start: ranges[0].start, end: ranges[0].end };
  }
}
