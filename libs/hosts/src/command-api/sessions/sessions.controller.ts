import { Body, Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SignInCommand, type SignInResult, SignOutCommand } from '#application';
import { originAllowed } from '#infra';
import { APP_CONFIG, type AppConfig } from '#runtime';
import { type AuthenticatedRequest, Permit } from '../auth/auth.guard.js';
import { ZodBody, openApiSchema } from '../http/body.js';
import { ApiProblem } from '../http/problem.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';
import { type SignInBody, signInBody } from './sessions.dto.js';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Permit('public')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign in with a login (account name or email) and password; sets the session cookie' })
  @ApiBody({ schema: openApiSchema(signInBody) })
  async signIn(
    @Body(new ZodBody(signInBody)) body: SignInBody,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    // A page of another site must not sign a browser into an account of its choosing (login CSRF).
    if (!originAllowed(request.headers.origin, this.config.publicBaseUrl)) {
      throw new ApiProblem('FORBIDDEN', 'the Origin is not this service');
    }
    const result: SignInResult = await this.commands.execute(new SignInCommand(body.login, body.password));
    if (result.outcome === 'throttled') {
      void reply.header('retry-after', String(result.retryAfterSeconds));
      throw new ApiProblem('TOO_MANY_REQUESTS', 'too many failed sign-ins for this login; try again later');
    }
    // One answer for a wrong password, an unknown login and an account without password.
    if (result.outcome === 'refused') throw new ApiProblem('UNAUTHENTICATED', 'the login or the password is wrong');
    setSessionCookies(reply, this.config.publicBaseUrl, result);
  }

  @Delete('current')
  @Permit('self')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session of the cookie sent and clears the cookies' })
  async signOut(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.commands.execute(new SignOutCommand(request.sessionId ?? null));
    clearSessionCookies(reply, this.config.publicBaseUrl);
  }
}
