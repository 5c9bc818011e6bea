import type { FastifyReply } from 'fastify';
import {
  clearedCookieOptions,
  csrfCookieName,
  csrfCookieOptions,
  newCsrfToken,
  sessionCookieName,
  sessionCookieOptions,
} from '#infra';

/** Sets the session cookie and a fresh CSRF cookie (the page echoes it in `x-csrf-token`). */
export function setSessionCookies(
  reply: FastifyReply,
  publicBaseUrl: string,
  session: { sessionId: string; expiresAt: Date },
): void {
  void reply.setCookie(sessionCookieName, session.sessionId, sessionCookieOptions(publicBaseUrl, session.expiresAt));
  void reply.setCookie(csrfCookieName, newCsrfToken(), csrfCookieOptions(publicBaseUrl, session.expiresAt));
}

export function clearSessionCookies(reply: FastifyReply, publicBaseUrl: string): void {
  void reply.setCookie(sessionCookieName, '', clearedCookieOptions(publicBaseUrl));
  void reply.setCookie(csrfCookieName, '', clearedCookieOptions(publicBaseUrl));
}
