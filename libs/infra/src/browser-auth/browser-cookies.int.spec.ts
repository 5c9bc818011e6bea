import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  clearedCookieOptions,
  csrfCookieName,
  csrfCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from './browser-cookies.js';

const expiresAt = new Date('2026-04-08T09:00:00.000Z');

// The options are exercised the way the API will use them: @fastify/cookie on a Fastify instance.
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ forceCloseConnections: true });
  await app.register(fastifyCookie);
  app.get('/set', async (request, reply) => {
    const base = (request.query as { base: string }).base;
    reply.setCookie(sessionCookieName, 'abc', sessionCookieOptions(base, expiresAt));
    reply.setCookie(csrfCookieName, 'tok', csrfCookieOptions(base, expiresAt));
    return 'ok';
  });
  app.get('/clear', async (_request, reply) => {
    reply.setCookie(sessionCookieName, '', clearedCookieOptions('http://localhost:3000'));
    return 'ok';
  });
  app.get('/read', async (request) => request.cookies);
  // Over a real socket (light-my-request's `inject` cannot load the ES-module `cookie` package under jest).
  await app.listen({ port: 0, host: '127.0.0.1' });
});
const url = (path: string) => `http://127.0.0.1:${(app.server.address() as { port: number }).port}${path}`;
afterAll(() => app.close());

async function setCookies(base: string): Promise<string[]> {
  const response = await fetch(url(`/set?base=${encodeURIComponent(base)}`));
  return response.headers.getSetCookie();
}

describe('browser cookies', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, Path=/, expires at the session end, and Secure behind https', async () => {
    const [session] = await setCookies('https://callbacks.example.jp');
    expect(session).toBe(
      'orikaeshi_session=abc; Path=/; Expires=Wed, 08 Apr 2026 09:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('is not Secure over plain http (the embedded process on localhost)', async () => {
    const [session] = await setCookies('http://localhost:3000');
    expect(session).not.toContain('Secure');
    expect(session).toContain('HttpOnly');
  });

  it('the CSRF cookie is readable by the page (no HttpOnly)', async () => {
    const [, csrf] = await setCookies('https://callbacks.example.jp');
    expect(csrf).toMatch(/^orikaeshi_csrf=tok;/);
    expect(csrf).not.toContain('HttpOnly');
    expect(csrf).toContain('SameSite=Lax');
    expect(csrf).toContain('Secure');
  });

  it('sign-out clears the cookie', async () => {
    const response = await fetch(url('/clear'));
    expect(response.headers.getSetCookie()[0]).toContain('Max-Age=0');
  });

  it('reads the cookies a browser sends back', async () => {
    const response = await fetch(url('/read'), { headers: { cookie: 'orikaeshi_session=abc; orikaeshi_csrf=tok' } });
    expect(await response.json()).toEqual({ [sessionCookieName]: 'abc', [csrfCookieName]: 'tok' });
  });
});
