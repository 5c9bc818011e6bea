import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#domain';
import { WrongExpectedRevisionError } from '#event-store';
import { SearchLimitExceededError } from '#read-store';
import { ApiProblem, type ProblemBody, type ProblemCode, problemBody } from './problem.js';

const codeOfHttpStatus: Record<number, ProblemCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * The one place errors become HTTP responses: domain refusals, version conflicts, framework errors
 * (bad JSON, oversized bodies, unknown routes) and anything unexpected (500, logged, no details leaked).
 */
export function toProblem(error: unknown): {
  body: ProblemBody;
  headers?: Record<string, string>;
  unexpected: boolean;
} {
  if (error instanceof ApiProblem) {
    return { body: { ...problemBody(error.code, error.detail, error.errors), ...error.extra }, unexpected: false };
  }
  if (error instanceof DomainError) {
    return { body: problemBody(error.code, error.message, error.fieldErrors), unexpected: false };
  }
  if (error instanceof WrongExpectedRevisionError) {
    const current = error.actual === 'no_stream' ? 'none' : String(error.actual);
    return {
      body: problemBody(
        'VERSION_CONFLICT',
        `expected version ${String(error.expected)} but the current version is ${current}`,
      ),
      unexpected: false,
    };
  }
  if (error instanceof SearchLimitExceededError) {
    const detail = `the search matches more than ${error.cap} callbacks (the search cap, 検索上限); narrow the conditions or use an asynchronous search (POST /async-searches), which has no cap`;
    return {
      body: { ...problemBody('SEARCH_LIMIT_EXCEEDED', detail), searchCap: error.cap } as ProblemBody,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeOfHttpStatus[status];
    if (code) return { body: problemBody(code, error.message), unexpected: false };
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const code = codeOfHttpStatus[fastifyError.statusCode] ?? 'VALIDATION_FAILED';
    return { body: problemBody(code, fastifyError.message ?? 'bad request'), unexpected: false };
  }
  return { body: problemBody('INTERNAL_ERROR', 'an unexpected error occurred; it has been logged'), unexpected: true };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
  logger: Pick<Logger, 'error'>,
): void {
  const { body, unexpected } = toProblem(error);
  if (unexpected) logger.error({ err: error, correlationId: request.id, url: request.url }, 'unexpected error');
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ ...body, instance: pathOf(request.url) });
}

/** The path alone: a query string may carry secrets (`?access_token=`) or personal search terms. */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), error, {
      error: (context: object, message: string) => this.logger.error({ ...context, message }),
    } as Pick<Logger, 'error'>);
  }
}
