import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#domain';
import type { Metrics } from '#runtime';
import { acceptRawAudioBodies } from '../recordings/recording-body.js';
import { assertJsonDepth, decodeUtf8Body } from './json-body.js';
import { ApiProblem, type ProblemCode, problemBody } from './problem.js';
import { sendProblem } from './problem.filter.js';

const correlationHeader = 'x-correlation-id';
const correlationShape = /^[A-Za-z0-9._:-]{1,128}$/;

const quietLogger = { error: () => undefined };

/**
 * Fastify options: bounded bodies, a correlation id per request (taken from the caller when well-formed),
 * and problem+json for what Fastify and Node answer before any route runs (bad URL encoding, an
 * over-long path parameter, a request Node's HTTP parser refuses such as over-large headers).
 */
export function fastifyOptions(bodyLimitBytes: number) {
  return {
    bodyLimit: bodyLimitBytes,
    requestIdHeader: false as const,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers[correlationHeader];
      return typeof given === 'string' && correlationShape.test(given) ? given : randomUUID();
    },
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, request, error, quietLogger),
    clientErrorHandler: answerClientError,
  };
}

/** Node's HTTP parser refused the request: there is no request object, so the reply is written raw. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'VALIDATION_FAILED';
  const body = problemBody(code, 'the HTTP request could not be read');
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

/** Every `%` of the query string starts a valid escape and the escapes decode to UTF-8. */
function hasValidQueryEncoding(url: string): boolean {
  const start = url.indexOf('?');
  if (start === -1) return true;
  try {
    decodeURIComponent(url.slice(start + 1).replaceAll('+', ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON bodies: an empty body is no body; bytes that are not UTF-8, nesting deeper than any body needs and
 * malformed JSON are VALIDATION_FAILED problems (Nest's error handler hands parser errors to the
 * ProblemFilter). A query string with a bad escape is refused like a bad path. Every response carries the
 * correlation id.
 */
export function installFastifyHooks(fastify: FastifyInstance, metrics: Metrics | null = null): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');

  // JSON, and raw audio for uploads: any other body type is refused with 415 before a route runs.
  fastify.removeAllContentTypeParsers();
  acceptRawAudioBodies(fastify);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body, done) => {
    let text: string;
    try {
      text = decodeUtf8Body(body as Buffer);
      // Commands without data may be sent with an empty JSON body.
      if (text.trim() === '') return done(null, undefined);
      assertJsonDepth(text);
    } catch (error) {
      return done(error as DomainError, undefined);
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(new ApiProblem('VALIDATION_FAILED', `malformed JSON: ${error.message}`), undefined);
      done(null, value);
    });
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (hasValidQueryEncoding(request.url)) return;
    sendProblem(
      reply,
      request,
      DomainError.validation([{ field: '(query)', message: 'is not a valid URL encoding' }]),
      quietLogger,
    );
    return reply;
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header(correlationHeader, request.id);
  });
  if (metrics) {
    fastify.addHook('onResponse', async (request, reply) => {
      // The route template, not the URL, keeps the label set small.
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequestDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
}
