import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Account } from '#domain';
import type { Actor } from '#event-store';
import { ApiProblem } from '../http/problem.js';
import { AccountDirectory } from './account-directory.js';
import { type Permission, isAllowed } from './permissions.js';

const PERMISSION = 'orikaeshi:permission';

/** Marks a route with the permission of the role matrix it needs; `'public'` routes need no token. */
export const Permit = (permission: Permission | 'public') => SetMetadata(PERMISSION, permission);

export type AuthenticatedRequest = FastifyRequest & { account?: Account };

/** Every route needs a bearer token of an account whose roles the matrix allows, unless it is public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | 'public' | undefined>(PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (permission === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiProblem('UNAUTHENTICATED', 'send Authorization: Bearer <token>');
    const account = await this.accounts.authenticate(token);
    if (!account) throw new ApiProblem('UNAUTHENTICATED', 'the token is unknown or has been replaced');
    request.account = account;
    // A route without a declared permission is administrators' only: forgetting one never opens a route.
    if (!isAllowed(account.roles, permission ?? 'administer')) {
      throw new ApiProblem('FORBIDDEN', `the roles ${account.roles.join(', ')} may not do this`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
  return match ? match[1] : null;
}

/** The authenticated account of the request (set by AuthGuard). */
export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): Account => {
  const account = context.switchToHttp().getRequest<AuthenticatedRequest>().account;
  if (!account) throw new ApiProblem('UNAUTHENTICATED', 'no authenticated account');
  return account;
});

export function actorOf(account: Pick<Account, 'id' | 'name' | 'roles'>): Actor {
  return { id: account.id, name: account.name, roles: [...account.roles] };
}
