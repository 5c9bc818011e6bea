import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Metrics, jsonLogger } from '#runtime';
import { CommandApiModule, type CommandApiDependencies } from './command-api.module.js';
import { fastifyOptions, installFastifyHooks } from './http/fastify-hooks.js';
import { ProblemFilter } from './http/problem.filter.js';

/** Builds the command API (not yet listening): routes, auth, problem+json errors and the OpenAPI document. */
export async function createCommandApi(dependencies: CommandApiDependencies): Promise<NestFastifyApplication> {
  const metrics = dependencies.metrics ?? new Metrics();
  const adapter = new FastifyAdapter(fastifyOptions(dependencies.config.bodyLimitBytes));
  installFastifyHooks(adapter.getInstance(), metrics);
  const app = await NestFactory.create<NestFastifyApplication>(
    CommandApiModule.forRoot({ ...dependencies, metrics }),
    adapter,
    {
      logger: jsonLogger(dependencies.config.logLevel),
      bodyParser: false,
    },
  );
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
