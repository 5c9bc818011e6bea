import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type Account, sessionPredatesPassword } from '#domain';
import type { Actor } from '#event-store';
import {
  SESSION_STORE,
  type SessionStore,
  csrfCookieName,
  csrfHeaderName,
  csrfVerdict,
  sessionCookieName,
} from '#infra';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '#runtime';
import { ApiProblem } from '../http/problem.js';
import { AccountDirectory } from './account-directory.js';
import { type Permission, isAllowed } from './permissions.js';

const PERMISSION = 'orikaeshi:permission';

/** Marks a route with the permission of the role matrix it needs; `'public'` routes need no token. */
export const Permit = (permission: Permission | 'public') => SetMetadata(PERMISSION, permission);

export type AuthenticatedRequest = FastifyRequest & {
  account?: Account;
  /** How the caller proved who it is: a bearer token, or the session cookie of a signed-in browser. */
  authenticatedBy?: 'token' | 'session';
  /** The session id of a cookie caller (a secret: never logged). */
  sessionId?: string;
  cookies?: Record<string, string | undefined>;
};

/**
 * Every route needs a bearer token or a browser session of an account whose roles the matrix allows, unless
 * it is public. A cookie caller's state-changing request must also pass the CSRF check (double submit and
 * Origin), judged before any handler runs, so a refused request appends nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountDirectory,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.getAllAndOverride<Permission | 'public' | undefined>(PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (permission === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const account = await this.authenticate(request);
    request.account = account;
    const csrf = csrfVerdict(
      {
        method: request.method,
        authenticatedBy: request.authenticatedBy ?? 'none',
        csrfCookie: request.cookies?.[csrfCookieName],
        csrfHeader: request.headers[csrfHeaderName],
        origin: request.headers.origin,
      },
      this.config.publicBaseUrl,
    );
    if (!csrf.allowed) {
      const why =
        csrf.reason === 'foreign-origin' ? 'the Origin is not this service' : `send the ${csrfHeaderName} header`;
      throw new ApiProblem(
        'FORBIDDEN',
        `a signed-in browser request that changes something needs the CSRF token: ${why}`,
      );
    }
    // A route without a declared permission is administrators' only: forgetting one never opens a route.
    if (!isAllowed(account.roles, permission ?? 'administer')) {
      throw new ApiProblem('FORBIDDEN', `the roles ${account.roles.join(', ')} may not do this`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Account> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      // A bearer header decides alone: a bad token is never rescued by a cookie sent with it.
      const token = bearerToken(header);
      if (!token) throw new ApiProblem('UNAUTHENTICATED', 'send Authorization: Bearer <token>');
      const account = await this.accounts.authenticate(token);
      if (!account) throw new ApiProblem('UNAUTHENTICATED', 'the token is unknown or has been replaced');
      request.authenticatedBy = 'token';
      return account;
    }
    const sessionId = request.cookies?.[sessionCookieName];
    if (!sessionId)
      throw new ApiProblem('UNAUTHENTICATED', 'sign in (POST /sessions) or send Authorization: Bearer <token>');
    const session = await this.sessions.resolve(sessionId, this.clock.now());
    const account = session ? await this.accounts.find(session.accountId) : null;
    if (!session || !account || sessionPredatesPassword(account, session.createdAt)) {
      throw new ApiProblem('UNAUTHENTICATED', 'the session has ended: sign in again');
    }
    request.authenticatedBy = 'session';
    request.sessionId = sessionId;
    return account;
  }
}

function bearerToken(header: string): string | null {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
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
