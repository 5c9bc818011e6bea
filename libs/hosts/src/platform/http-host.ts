import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
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
