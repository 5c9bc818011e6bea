import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permit } from '../auth/auth.guard.js';
import { HEALTH_CHECKS, type HealthCheck } from './health-checks.js';

/** `GET /health`: each dependency's state; 503 when any is down so load balancers stop routing here. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Get()
  @Permit('public')
  @ApiOperation({ summary: 'State of the service and each dependency' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        const started = performance.now();
        try {
          const details = await check.probe();
          return [check.name, { status: 'up', latencyMs: round(performance.now() - started), ...details }] as const;
        } catch (error) {
          return [check.name, { status: 'down', error: (error as Error).message }] as const;
        }
      }),
    );
    const up = results.every(([, result]) => result.status === 'up');
    void reply.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', dependencies: Object.fromEntries(results) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
