import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemBody } from './problem.js';

/** Where the screen is served; its routes (React Router, basename `/ui`) all live below it. */
export const screenPath = '/ui/';

/**
 * `npm run build` writes the page to `dist/web`. Built, this file sits in `dist/libs/hosts/src/command-api/http/`;
 * run from its TypeScript source (the test suites), in `libs/hosts/src/command-api/http/` beside `dist/`.
 */
const candidates = [
  new URL('../../../../../web/', import.meta.url),
  new URL('../../../../../dist/web/', import.meta.url),
];

export function screenDirectory(): string | null {
  for (const candidate of candidates) {
    const directory = fileURLToPath(candidate);
    if (existsSync(`${directory}index.html`)) return directory;
  }
  return null;
}

/**
 * Serves the built screen from the API's own origin (the session cookie and CSRF header then need no CORS):
 * hashed files under `/ui/assets/` cached for a year as immutable (a new build has new names), `index.html`
 * for every other path below `/ui/` (the screen's routes) with `no-cache`, so a deployment is picked up on the
 * next navigation. `GET /` and `GET /ui` redirect to `/ui/`. These routes are not API routes: they need no
 * credentials (the page asks the API, which does) and stay out of the OpenAPI document.
 */
export function serveScreen(fastify: FastifyInstance, directory = screenDirectory()): void {
  const redirect = (_request: unknown, reply: FastifyReply) => reply.redirect(screenPath, 302);
  fastify.get('/', redirect);
  fastify.get('/ui', redirect);
  if (directory === null) {
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .code(404)
        .type('application/problem+json')
        .send(problemBody('NOT_FOUND', 'the screen is not built: run npm run build'));
    fastify.get('/ui/*', notBuilt);
    return;
  }
  // Read once: index.html is small, and it names the hashed files of the build this process serves.
  const indexHtml = readFileSync(`${directory}index.html`);
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/ui/', sendIndex);
  fastify.get('/ui/*', sendIndex);
  void fastify.register(fastifyStatic, {
    root: `${directory}assets`,
    prefix: '/ui/assets/',
    decorateReply: false,
    index: false,
    dotfiles: 'ignore',
    maxAge: '365d',
    immutable: true,
  });
}
