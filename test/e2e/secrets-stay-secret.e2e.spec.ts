import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserSession } from '../support/browser-session.js';
import { SseReader } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const firstPassword = 'first secret passphrase 一';
const secondPassword = 'second secret passphrase 二';
const adminSetPassword = 'admin set secret passphrase';
const wrongPassword = 'a wrong secret passphrase';

/**
 * Everything the process writes (every log line at the most verbose level), every stored event and
 * `/metrics`, searched for the passwords, session ids and CSRF tokens that went through it.
 */
describe('no password, session id or CSRF token in logs, events or /metrics', () => {
  let t: TestApp;
  const written: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    const capture =
      (original: typeof process.stdout.write) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = capture(originals.out) as typeof process.stdout.write;
    process.stderr.write = capture(originals.err) as typeof process.stderr.write;
    t = await startTestApp({ env: { LOG_LEVEL: 'trace' }, exportWorker: false });
  });
  afterAll(async () => {
    await t.close();
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  });

  it('keeps every secret out of them while signing in, failing, changing passwords, streaming and signing out', async () => {
    const secrets: string[] = [firstPassword, secondPassword, adminSetPassword, wrongPassword];
    const created = await t.admin.post('/accounts', {
      name: 'Secretive',
      email: 'secretive@example.jp',
      roles: ['supervisor'],
      password: firstPassword,
    });
    expect(created.status).toBe(201);
    const browser = new BrowserSession(t.anonymous);
    expect((await browser.signIn('secretive', wrongPassword)).status).toBe(401);
    expect((await browser.signIn('secretive@example.jp', firstPassword)).status).toBe(204);
    secrets.push(browser.sessionCookie!, browser.csrfToken!);
    const stream = await SseReader.open(`${t.admin.baseUrl}/events`, { cookie: browser.cookieHeader() });
    expect(stream.status).toBe(200);
    // A refused CSRF attempt and a malformed body carrying a password are logged requests too.
    expect((await browser.send('POST', '/callbacks', { password: firstPassword }, { csrf: false })).status).toBe(403);
    expect(
      (await browser.send('PUT', '/accounts/me/password', { current: firstPassword, password: 'short' })).status,
    ).toBe(400);
    const changed = await browser.send('PUT', '/accounts/me/password', {
      current: firstPassword,
      password: secondPassword,
    });
    expect(changed.status).toBe(204);
    secrets.push(browser.sessionCookie!, browser.csrfToken!);
    expect((await t.admin.put(`/accounts/${created.body.id}/password`, { password: adminSetPassword })).status).toBe(
      204,
    );
    expect((await browser.send('DELETE', '/sessions/current')).status).toBe(401);
    stream.close();
    await t.caughtUp();

    const events: string[] = [];
    for await (const event of t.eventStore.readAll())
      events.push(JSON.stringify({ ...event, position: String(event.position) }));
    expect(events.join('\n')).toContain('PasswordSet');
    const metrics = await t.admin.get('/metrics');
    expect(metrics.status).toBe(200);
    // The logs were really captured (the process logs at trace level).
    expect(written.length).toBeGreaterThan(0);
    const sessionsFile = await readFile(path.join(t.dataDir, 'sessions.sqlite'));
    const haystacks = {
      logs: written.join(''),
      events: events.join('\n'),
      metrics: metrics.text,
      sessionsFile: sessionsFile.toString('latin1'),
    };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) {
        expect({ where, found: text.includes(secret) }).toEqual({ where, found: false });
      }
    }
  });
});
