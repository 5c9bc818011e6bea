import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accountDecider, streamNames } from '#domain';
import { openSqliteEventStore } from '#event-store';
import { AggregateRunner } from '#kernel';
import { generateToken, hashToken } from '#runtime';
import { AccountDirectory, issueAdminToken } from '#hosts';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('a replaced token stops working (authenticated tokens are cached per process)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ projector: false, exportWorker: false });
  });
  afterAll(() => t.close());

  it('refuses the previous admin token at once when this process issues a new one', async () => {
    // Authenticated (and cached) several times before the change.
    for (let i = 0; i < 3; i++) expect((await t.admin.get('/accounts/me')).status).toBe(200);
    const replacement = generateToken();
    await issueAdminToken(t.app, replacement);
    const old = await t.admin.get('/accounts/me');
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('UNAUTHENTICATED');
    expect((await t.admin.as(replacement).get('/accounts/me')).status).toBe(200);
    // The restored token works again, the replacement no longer.
    await issueAdminToken(t.app, t.adminToken);
    expect((await t.admin.get('/accounts/me')).status).toBe(200);
    expect((await t.admin.as(replacement).get('/accounts/me')).status).toBe(401);
  });

  it('shows an account change made through this process on the next request', async () => {
    const agent = await t.createAccount(['agent']);
    expect((await agent.client.get('/accounts/me')).body.email).toBeNull();
    await agent.client.patch('/accounts/me', { email: 'agent@example.jp' });
    expect((await agent.client.get('/accounts/me')).body.email).toBe('agent@example.jp');
  });
});

describe('AccountDirectory cache and changes made by another process', () => {
  const actor = { id: 'system', name: 'system', roles: ['admin'] };
  const eventStore = openSqliteEventStore(':memory:');
  let clock = 1_000_000;
  const directory = new AccountDirectory(eventStore, { ttlMs: 5_000, now: () => clock });
  // "Another process": its own handler, which knows nothing of this directory.
  const now = () => new Date();
  const elsewhere = new AggregateRunner({ eventStore, now }, accountDecider, streamNames.account);
  const here = new AggregateRunner({ eventStore, now, observers: [directory] }, accountDecider, streamNames.account);
  const accountId = 'acc-1';
  const run = (runner: typeof here, command: Record<string, unknown>) =>
    runner.run(accountId, command as never, { actor, correlationId: 'test' });
  const bind = (tokenHash: string) =>
    eventStore.appendToStream(
      streamNames.token(tokenHash),
      [
        {
          type: 'TokenBound',
          data: { tokenHash, accountId },
          metadata: {
            actor,
            occurredAt: new Date().toISOString(),
            correlationId: 't',
            causationId: null,
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );

  afterAll(() => eventStore.close());

  it('keeps a token replaced elsewhere for at most the TTL, and forgets at once what this process changes', async () => {
    const first = generateToken();
    expect(await directory.authenticate(first)).toBeNull(); // unknown tokens are not cached
    await run(elsewhere, {
      type: 'CreateAccount',
      accountId,
      name: 'Agent',
      roles: ['agent'],
      tokenHash: hashToken(first),
      now: new Date(),
    });
    await bind(hashToken(first));
    expect((await directory.authenticate(first))?.id).toBe(accountId);

    const second = generateToken();
    await run(elsewhere, { type: 'IssueToken', tokenHash: hashToken(second), now: new Date() });
    await bind(hashToken(second));
    // Replaced by another process: still trusted within the TTL (the documented revocation delay) …
    clock += 4_999;
    expect((await directory.authenticate(first))?.id).toBe(accountId);
    // … refused once it has passed.
    clock += 2;
    expect(await directory.authenticate(first)).toBeNull();
    expect((await directory.authenticate(second))?.id).toBe(accountId);

    // Replaced by this process: refused with the very next lookup, whatever the clock.
    const third = generateToken();
    await run(here, { type: 'IssueToken', tokenHash: hashToken(third), now: new Date() });
    await bind(hashToken(third));
    expect(await directory.authenticate(second)).toBeNull();
    expect((await directory.authenticate(third))?.id).toBe(accountId);
  });
});
