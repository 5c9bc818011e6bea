import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { type AppConfig, type Metrics, jsonLogger } from '#runtime';
import { fastifyOptions, installFastifyHooks } from '../command-api/http/fastify-hooks.js';
import { ProblemFilter } from '../command-api/http/problem.filter.js';
import { serveScreen } from '../command-api/http/serve-screen.js';

/**
 * Builds (not yet listening) an HTTP process around `rootModule`: Fastify with its hooks, the screen under
 * `/ui/`, problem+json errors and the OpenAPI document. `metrics` must be the registry the platform module was given.
 */
export async function createHttpHost(
  rootModule: object,
  config: AppConfig,
  metrics: Metrics,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(fastifyOptions(config.bodyLimitBytes));
  installFastifyHooks(adapter.getInstance(), metrics);
  serveScreen(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: jsonLogger(config.logLevel),
    bodyParser: false,
  });
  // Browser sessions: the session and CSRF cookies are read (request.cookies) and set by @fastify/cookie.
  await app.register(fastifyCookie);
  app.useGlobalFilters(new ProblemFilter());
  // helmet's middleware, built once: @fastify/helmet built it again for every request (parsing the CSP
  // directives each time), about 6 % of the API thread's CPU at 500 commands/s.
  const setSecurityHeaders = helmet(securityHeaders(config.publicBaseUrl));
  adapter
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
    );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Orikaeshi API')
      .setDescription(
        'Callbacks (折り返し呼) for call centers: commands, queries, exports. Errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  return app;
}

/**
 * Security headers on every response (helmet's defaults: nosniff, frame-ancestors 'self' and
 * X-Frame-Options, Referrer-Policy no-referrer, a CSP of 'self' without inline scripts, which the screen's
 * Vite build and the OpenAPI UI at /docs both pass). HSTS and upgrade-insecure-requests only when the
 * service is published over https: over plain http a browser ignores the first and the second would send
 * the page's own scripts to an https port nobody listens on.
 */
function securityHeaders(publicBaseUrl: string) {
  const https = publicBaseUrl.startsWith('https:');
  return {
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
  };
}
