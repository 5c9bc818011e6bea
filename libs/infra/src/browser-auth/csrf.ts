/**
 * CSRF decision for cookie-authenticated requests (double submit): the server sets a random CSRF cookie
 * readable by the page's script; a state-changing request must echo it in the `X-CSRF-Token` header, and
 * when the browser sends `Origin` it must be the origin of `PUBLIC_BASE_URL`. A request authenticated by a
 * bearer token carries no ambient credential and is not judged here.
 *
 * Wiring (next step): the auth guard records how the request was authenticated; right after, a guard (or
 * the same one) calls `csrfVerdict` with the parsed cookies (`request.cookies` from `@fastify/cookie`) and
 * answers 403 `FORBIDDEN` when refused, before any handler runs (so no event is appended). `sign-in` also
 * refuses a foreign `Origin` (`originAllowed`) to stop login CSRF, and sets both cookies.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfRequest {
  method: string;
  authenticatedBy: 'session' | 'token' | 'none';
  /** Value of the CSRF cookie, as parsed by @fastify/cookie. */
  csrfCookie: string | undefined;
  /** Value of the `X-CSRF-Token` header (Fastify gives an array when it is repeated). */
  csrfHeader: string | string[] | undefined;
  origin: string | string[] | undefined;
}

export type CsrfVerdict =
  { allowed: true } | { allowed: false; reason: 'missing-token' | 'token-mismatch' | 'foreign-origin' };

/** 32 random bytes, base64url: a new one at every sign-in. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether an `Origin` header (absent is fine: not every client sends it) names our public origin. */
export function originAllowed(origin: string | string[] | undefined, publicBaseUrl: string): boolean {
  if (origin === undefined) return true;
  if (Array.isArray(origin)) return false;
  // `Origin: null` (sandboxed frames, some redirects) names no origin: it never matches ours.
  return origin === new URL(publicBaseUrl).origin;
}

// Digests have equal length whatever was sent, so timingSafeEqual applies and reveals nothing by length.
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function csrfVerdict(request: CsrfRequest, publicBaseUrl: string): CsrfVerdict {
  if (request.authenticatedBy !== 'session') return { allowed: true };
  if (safeMethods.has(request.method.toUpperCase())) return { allowed: true };
  if (!originAllowed(request.origin, publicBaseUrl)) return { allowed: false, reason: 'foreign-origin' };
  const header = request.csrfHeader;
  const cookie = request.csrfCookie;
  if (typeof header !== 'string' || header === '' || cookie === undefined || cookie === '') {
    return { allowed: false, reason: 'missing-token' };
  }
  return sameSecret(header, cookie) ? { allowed: true } : { allowed: false, reason: 'token-mismatch' };
}
