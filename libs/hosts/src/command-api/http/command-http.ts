import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Account } from '#domain';
import type { CommandContext } from '#kernel';
import { type AuthenticatedRequest, actorOf } from '../auth/auth.guard.js';
import { ApiProblem } from './problem.js';

/** What a command route needs from HTTP besides its body: who sends it, the correlation id, If-Match. */
export interface CommandHttp {
  account: Account;
  correlationId: string;
  ifMatch: string | undefined;
  reply: FastifyReply;
}

export const CommandHttp = createParamDecorator((_data: unknown, context: ExecutionContext): CommandHttp => {
  const http = context.switchToHttp();
  const request = http.getRequest<AuthenticatedRequest>();
  if (!request.account) throw new ApiProblem('UNAUTHENTICATED', 'no authenticated account');
  const ifMatch = request.headers['if-match'];
  return {
    account: request.account,
    correlationId: request.id,
    ifMatch: Array.isArray(ifMatch) ? ifMatch[0] : ifMatch,
    reply: http.getResponse<FastifyReply>(),
  };
});

/** Who sends a command over HTTP, as the use cases take it. */
export function issuedBy(
  http: Pick<CommandHttp, 'account' | 'correlationId'>,
  expectedVersion?: number | null,
): CommandContext {
  return { actor: actorOf(http.account), correlationId: http.correlationId, expectedVersion: expectedVersion ?? null };
}
