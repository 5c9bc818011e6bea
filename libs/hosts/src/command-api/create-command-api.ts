import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Metrics } from '#runtime';
import { createHttpHost } from '../platform/http-host.js';
import { PlatformModule, type PlatformOptions } from '../platform/platform.module.js';
import { CommandApiModule, type CommandApiModuleOptions } from './command-api.module.js';

export type CommandApiDependencies = PlatformOptions & CommandApiModuleOptions;

/** The command API role alone on a platform (its own process, or the bench): built, not yet listening. */
export async function createCommandApi(dependencies: CommandApiDependencies): Promise<NestFastifyApplication> {
  const { controllers, providers, ...platform } = dependencies;
  const metrics = platform.metrics ?? new Metrics();
  @Module({
    imports: [
      PlatformModule.forRoot({ sessions: true, ...platform, metrics }),
      CommandApiModule.forRoot({ controllers, providers }),
    ],
  })
  class CommandApiHost {}
  return createHttpHost(CommandApiHost, platform.config, metrics);
}
