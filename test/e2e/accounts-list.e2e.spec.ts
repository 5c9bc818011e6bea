import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `GET /accounts` reads the accounts view the projector keeps: like every view it shows a change once the
 * projector has applied it, which the tests wait for (`caughtUp`), never by sleeping.
 */
describe('GET /accounts: the accounts view', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ exportWorker: false });
  });
  afterAll(() => t.close());

  const listed = async (name: string) => {
    await t.caughtUp();
    const list = await t.admin.get('/accounts');
    expect(list.status).toBe(200);
    return (list.body.items as { name: string }[]).find((item) => item.name === name);
  };

  it('follows creation, email and password changes, without ever showing a secret', async () => {
    const created = await t.createAccount(['agent'], '山田 花子');
    expect(await listed('山田 花子')).toEqual({
      id: created.id,
      name: '山田 花子',
      email: null,
      roles: ['agent'],
      hasPassword: false,
    });

    expect((await created.client.patch('/accounts/me', { email: 'hanako@example.jp' })).status).toBe(200);
    const password = 'a long enough passphrase';
    expect((await t.admin.put(`/accounts/${created.id}/password`, { password })).status).toBe(204);
    expect(await listed('山田 花子')).toMatchObject({ email: 'hanako@example.jp', hasPassword: true });

    const text = (await t.admin.get('/accounts')).text;
    expect(text).not.toContain(password);
    expect(text).not.toContain(created.token);
    expect(text).not.toMatch(/scrypt|tokenHash|passwordHash/i);
  });

  it('lists the same accounts after a rebuild of the views', async () => {
    await t.caughtUp();
    const before = (await t.admin.get('/accounts')).body;
    await t.projector.rebuild();
    expect((await t.admin.get('/accounts')).body).toEqual(before);
    expect(before.items.map((item: { name: string }) => item.name)).toContain('Administrator');
  });
});
