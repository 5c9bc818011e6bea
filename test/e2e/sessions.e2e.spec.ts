import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '#runtime';
import { BrowserSession } from '../support/browser-session.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const password = 'correct horse battery';

async function eventCount(t: TestApp): Promise<number> {
  let count = 0;
  for await (const _event of t.eventStore.readAll()) count += 1;
  return count;
}

describe('browser sign-in with a password, the session cookie and CSRF', () => {
  let t: TestApp;
  let callbackId: string;
  const browser = () => new BrowserSession(t.anonymous);

  beforeAll(async () => {
    t = await startTestApp({ exportWorker: false });
    const created = await t.admin.post('/accounts', {
      name: 'Sato Supervisor',
      email: 'sato@example.jp',
      roles: ['supervisor'],
      password,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(password);
    callbackId = (await t.admin.post('/callbacks', registration())).body.id;
    await t.caughtUp();
  });
  afterAll(() => t.close());

  it('signs in by email or by name (any case, full-width too) and the cookie works on search, detail and CSV', async () => {
    const byEmail = browser();
    const signedIn = await byEmail.signIn('SATO@example.jp', password);
    expect(signedIn.status).toBe(204);
    expect(byEmail.sessionCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(byEmail.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookies = signedIn.headers.getSetCookie().join('\n');
    expect(cookies).toMatch(/orikaeshi_session=[^;]+;.*HttpOnly/);
    expect(cookies).toMatch(/SameSite=Lax/);

    expect((await byEmail.send('GET', '/accounts/me')).body).toMatchObject({ name: 'Sato Supervisor' });
    const search = await byEmail.send('GET', '/callbacks');
    expect(search.status).toBe(200);
    expect(search.body.items.map((c: { id: string }) => c.id)).toContain(callbackId);
    expect((await byEmail.send('GET', `/callbacks/${callbackId}`)).status).toBe(200);
    const csv = await byEmail.send('GET', '/callbacks.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');

    const byName = browser();
    expect((await byName.signIn('ｓａｔｏ supervisor ', password)).status).toBe(204);
    expect((await byName.send('GET', '/accounts/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown login with the same 401 body', async () => {
    const wrong = await browser().signIn('sato@example.jp', 'not the password at all');
    const unknown = await browser().signIn('nobody@example.jp', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { instance: _a, ...wrongBody } = wrong.body;
    const { instance: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('UNAUTHENTICATED');
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses the 6th wrong try for one login within 10 minutes with 429 and Retry-After, even with the right password', async () => {
    await t.admin.post('/accounts', { name: 'Target', roles: ['agent'], password });
    for (let i = 0; i < 5; i += 1) expect((await browser().signIn('target', 'wrong password 12')).status).toBe(401);
    const sixth = await browser().signIn('target', password);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unknown logins are throttled the same way (no tell).
    for (let i = 0; i < 5; i += 1) await browser().signIn('ghost', 'wrong password 12');
    expect((await browser().signIn('ghost', 'wrong password 12')).status).toBe(429);
  });

  it('refuses a cookie request that changes state without the CSRF token, and appends nothing', async () => {
    const session = browser();
    await session.signIn('sato@example.jp', password);
    const before = await eventCount(t);
    const refused = await session.send('POST', '/callbacks', registration(), { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const wrongToken = await session.send('POST', '/callbacks', registration(), {
      csrf: false,
      headers: { 'x-csrf-token': 'A'.repeat(43) },
    });
    expect(wrongToken.status).toBe(403);
    expect(await eventCount(t)).toBe(before);
    // With the token the same request goes through.
    expect((await session.send('POST', '/callbacks', registration())).status).toBe(201);
  });

  it('refuses a foreign Origin on a cookie request and on sign-in, and never judges bearer-token requests', async () => {
    const session = browser();
    await session.signIn('sato@example.jp', password);
    const foreign = await session.send('POST', '/callbacks', registration(), {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await browser().signIn('sato@example.jp', password, { origin: 'https://evil.example' })).status).toBe(403);
    const withToken = await t.admin.post('/callbacks', registration(), { headers: { origin: 'https://evil.example' } });
    expect(withToken.status).toBe(201);
  });

  it('signs out: the old cookie is 401 afterwards', async () => {
    const session = browser();
    await session.signIn('sato@example.jp', password);
    const cookie = session.cookieHeader();
    expect((await session.send('DELETE', '/sessions/current')).status).toBe(204);
    expect(session.sessionCookie).toBeUndefined();
    const old = await t.anonymous.get('/accounts/me', { headers: { cookie } });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('UNAUTHENTICATED');
  });

  it('a password change ends the other sessions; the browser that changed it stays signed in', async () => {
    await t.admin.post('/accounts', { name: 'Changer', roles: ['agent'], password });
    const other = browser();
    await other.signIn('changer', password);
    const changer = browser();
    await changer.signIn('changer', password);
    const wrongCurrent = await changer.send('PUT', '/accounts/me/password', {
      current: 'not my password!',
      password: 'a brand new passphrase',
    });
    expect(wrongCurrent.status).toBe(400);
    const tooShort = await changer.send('PUT', '/accounts/me/password', { current: password, password: 'short' });
    expect(tooShort.status).toBe(400);
    const changed = await changer.send('PUT', '/accounts/me/password', {
      current: password,
      password: 'a brand new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await other.send('GET', '/accounts/me')).status).toBe(401);
    expect((await changer.send('GET', '/accounts/me')).status).toBe(200);
    expect((await browser().signIn('changer', password)).status).toBe(401);
    expect((await browser().signIn('changer', 'a brand new passphrase')).status).toBe(204);
  });

  it('a session cannot guess the current password: the 6th wrong one within 10 minutes is 429', async () => {
    await t.admin.post('/accounts', { name: 'Guesser', roles: ['agent'], password });
    const session = browser();
    await session.signIn('guesser', password);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await session.send('PUT', '/accounts/me/password', {
        current: `wrong guess no ${i}`,
        password: 'a brand new passphrase',
      });
      expect(wrong.status).toBe(400);
    }
    const sixth = await session.send('PUT', '/accounts/me/password', {
      current: password,
      password: 'a brand new passphrase',
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // The password did not change.
    expect((await browser().signIn('guesser', password)).status).toBe(204);
  });

  it('an admin setting the password ends every session of the account', async () => {
    const created = await t.admin.post('/accounts', { name: 'Reset Me', roles: ['agent'], password });
    const session = browser();
    await session.signIn('reset me', password);
    expect((await session.send('GET', '/accounts/me')).status).toBe(200);
    const set = await t.admin.put(`/accounts/${created.body.id}/password`, { password: 'set by the admin now' });
    expect(set.status).toBe(204);
    expect((await session.send('GET', '/accounts/me')).status).toBe(401);
    expect((await browser().signIn('reset me', 'set by the admin now')).status).toBe(204);
  });

  it('lists the accounts to an administrator without tokens or password hashes', async () => {
    const list = await t.admin.get('/accounts');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          name: 'Sato Supervisor',
          email: 'sato@example.jp',
          roles: ['supervisor'],
          hasPassword: true,
        },
      ]),
    );
    expect(list.text).not.toMatch(/scrypt|token|passwordHash/i);
  });

  it('gives no password to an account without one, and keeps names and emails unique as logins', async () => {
    const plain = await t.createAccount(['agent'], 'No Password');
    expect(plain.id).toBeTruthy();
    expect((await browser().signIn('no password', '')).status).toBe(400);
    expect((await browser().signIn('no password', 'anything at all 123')).status).toBe(401);
    const taken = await t.admin.post('/accounts', { name: 'another', email: 'SATO@example.jp', roles: ['agent'] });
    expect(taken.status).toBe(409);
    expect((await t.admin.post('/accounts', { name: 'no password', roles: ['agent'] })).status).toBe(409);
  });
});

describe('sessions across a restart of the embedded process, and their expiry', () => {
  it('keeps the session after a restart and refuses it once idle past the limit (injected clock)', async () => {
    const clock = new ManualClock(new Date());
    const first = await startTestApp({ clock, exportWorker: false, projector: false });
    const dataDir = first.dataDir;
    let cookie: string;
    try {
      await first.admin.post('/accounts', { name: 'Restarter', roles: ['agent'], password });
      const session = new BrowserSession(first.anonymous);
      expect((await session.signIn('restarter', password)).status).toBe(204);
      cookie = session.cookieHeader();
    } finally {
      await first.app.close();
    }
    const second = await startTestApp({ clock, dataDir, exportWorker: false, projector: false });
    try {
      expect((await second.anonymous.get('/accounts/me', { headers: { cookie } })).body.name).toBe('Restarter');
      clock.advance(8 * 60 * 60 * 1000 + 1);
      const expired = await second.anonymous.get('/accounts/me', { headers: { cookie } });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('UNAUTHENTICATED');
    } finally {
      await second.close();
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
