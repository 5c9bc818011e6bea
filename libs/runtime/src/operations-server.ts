import { createServer } from 'node:http';
import type { Metrics } from './metrics.js';

/**
 * `/metrics` and `/health` for the processes without an HTTP API (projector, export worker), on
 * `METRICS_PORT` when it is set. Plain node:http: two read-only routes need no framework.
 */
export async function serveOperations(
  port: number | null,
  metrics: Metrics,
  probe: () => Promise<void>,
): Promise<{ close(): Promise<void> } | null> {
  if (port === null) return null;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      void metrics
        .exposition()
        .then(({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body));
      return;
    }
    if (request.method === 'GET' && path === '/health') {
      probe().then(
        () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"up"}'),
        (error: Error) =>
          response
            .writeHead(503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: 'down', error: error.message })),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/problem+json' }).end(
      JSON.stringify({
        type: 'urn:orikaeshi:problem:not-found',
        title: 'Not found',
        status: 404,
        code: 'NOT_FOUND',
        detail: `no route ${path}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
