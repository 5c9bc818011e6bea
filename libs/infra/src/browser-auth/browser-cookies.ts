/**
 * The two cookies of a browser session, read and written by `@fastify/cookie` once registered on the
 * Fastify instance (`request.cookies[sessionCookieName]`, `reply.setCookie(name, value, options)`).
 *
 * Session cookie: `HttpOnly` (no script reads it), `SameSite=Lax` (not sent on cross-site POSTs), `Path=/`,
 * `Secure` when the public URL is https, `Expires` at the session's absolute end. CSRF cookie: the same but
 * readable by the page's script, which echoes it in `X-CSRF-Token`.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

export const sessionCookieName = 'orikaeshi_session';
export const csrfCookieName = 'orikaeshi_csrf';

export type CookieOptions = CookieSerializeOptions;

function baseOptions(publicBaseUrl: string): CookieOptions {
  return { path: '/', sameSite: 'lax', secure: new URL(publicBaseUrl).protocol === 'https:' };
}

export function sessionCookieOptions(publicBaseUrl: string, expiresAt: Date): CookieOptions {
  return { ...baseOptions(publicBaseUrl), httpOnly: true, expires: expiresAt };
}

export function csrfCookieOptions(publicBaseUrl: string, expiresAt: Date): CookieOptions {
  return { ...baseOptions(publicBaseUrl), httpOnly: false, expires: expiresAt };
}

/** Options that make the browser drop a cookie at sign-out. */
export function clearedCookieOptions(publicBaseUrl: string): CookieOptions {
  return { ...baseOptions(publicBaseUrl), expires: new Date(0), maxAge: 0 };
}
