import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '#runtime';
import { acceptRawAudioBodies } from '../recordings/recording-body.js';
import { ApiProblem } from './problem.js';

const correlationHeader = 'x-correlation-id';
const correlationShape = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify options: bounded bodies and a correlation id per request (taken from the caller when well-formed). */
export function fastifyOptions(bodyLimitBytes: number) {
  return {
    bodyLimit: bodyLimitBytes,
    requestIdHeader: false as const,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers[correlationHeader];
      return typeof given === 'string' && correlationShape.test(given) ? given : randomUUID();
    },
  };
}

/**
 * JSON bodies: an empty body is no body, malformed JSON is a VALIDATION_FAILED problem (Nest's error handler
 * hands parser errors to the ProblemFilter). Every response carries the correlation id.
 */
export function installFastifyHooks(fastify: FastifyInstance, metrics: Metrics | null = null): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');

  // JSON, and raw audio for uploads: any other body type is refused with 415 before a route runs.
  fastify.removeAllContentTypeParsers();
  acceptRawAudioBodies(fastify);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body, done) => {
    // Commands without data may be sent with an empty JSON body.
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    parseJson(request, String(body), (error, value) => {
      if (error) return done(new ApiProblem('VALIDATION_FAILED', `malformed JSON: ${error.message}`), undefined);
      done(null, value);
    });
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
