import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/problem.js';

/**
 * Audio bodies are handed to the route as the raw request stream (no buffering, no body limit here):
 * the upload use case streams them to the blob store and enforces the recording limit as bytes arrive.
 * `application/octet-stream` is taken too, since the type is decided from the bytes anyway.
 */
export function acceptRawAudioBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(/^audio\/[\w.+-]+$/i, (_request, payload, done) => done(null, payload));
  fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
}

/** The streamed body of `POST /recordings` and the length the client announced. */
export function recordingBodyOf(request: FastifyRequest): { body: Readable; declaredBytes: number | null } {
  const body = request.body;
  if (body === undefined || body === null) {
    // No body at all (no content type): an empty upload.
    return { body: Readable.from([]), declaredBytes: 0 };
  }
  if (!(body instanceof Readable)) {
    throw new ApiProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      'send the recording as the raw body with an audio/* (or application/octet-stream) content type',
    );
  }
  const length = Number(request.headers['content-length']);
  return { body, declaredBytes: Number.isSafeInteger(length) && length >= 0 ? length : null };
}
