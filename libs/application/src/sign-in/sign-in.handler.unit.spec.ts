import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { sessionPredatesPassword } from '#domain';
import { PasswordHasher, SqliteSessionStore, SqliteSignInThrottle, cheapScryptForTests } from '#infra';
import { findAccount } from '../shared/active-account.js';
import { CreateAccountCommand } from '../create-account/create-account.command.js';
import { CreateAccountHandler } from '../create-account/create-account.handler.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { SignInCommand } from './sign-in.command.js';
import { SignInHandler } from './sign-in.handler.js';

describe('sign-in', () => {
  const f = useCaseFixture();
  const db = new Database(':memory:');
  const sessions = new SqliteSessionStore(db);
  const throttle = new SqliteSignInThrottle(db);
  const handler = new SignInHandler(f.aggregates, f.clock, f.hasher, sessions, throttle);
  const create = new CreateAccountHandler(f.aggregates, f.clock, f.hasher);
  const password = 'twelve chars or more';
  afterAll(() => {
    db.close();
    return f.close();
  });

  it('opens a session for the account whose name or email matches, with the right password', async () => {
    const { account } = await create.execute(
      new CreateAccountCommand(
        { name: '佐藤', email: 'sato@example.jp', roles: ['agent'], password },
        f.issuedBy(null, ['admin']),
      ),
    );
    const byEmail = await handler.execute(new SignInCommand('Sato@Example.JP', password));
    expect(byEmail).toMatchObject({ outcome: 'signed-in', account: { id: account.id } });
    if (byEmail.outcome !== 'signed-in') throw new Error('not signed in');
    expect(await sessions.resolve(byEmail.sessionId, f.clock.now())).toMatchObject({ accountId: account.id });
    expect(await handler.execute(new SignInCommand(' 佐藤 ', password))).toMatchObject({ outcome: 'signed-in' });
  });

  it('refuses a wrong password and an unknown login alike, and throttles after 5 failures', async () => {
    expect(await handler.execute(new SignInCommand('佐藤', 'not the password'))).toEqual({ outcome: 'refused' });
    expect(await handler.execute(new SignInCommand('nobody', password))).toEqual({ outcome: 'refused' });
    for (let i = 0; i < 4; i += 1) await handler.execute(new SignInCommand('佐藤', 'not the password'));
    expect(await handler.execute(new SignInCommand('佐藤', password))).toMatchObject({ outcome: 'throttled' });
  });

  it('does not let an old email sign in once the account registered another', async () => {
    const { account } = await create.execute(
      new CreateAccountCommand(
        { name: '鈴木', email: 'old@example.jp', roles: ['agent'], password },
        f.issuedBy(null, ['admin']),
      ),
    );
    await f.aggregates.accounts.run(
      account.id,
      { type: 'RegisterEmail', email: 'new@example.jp', now: f.clock.now() },
      f.issuedBy(),
    );
    expect(await handler.execute(new SignInCommand('old@example.jp', password))).toEqual({ outcome: 'refused' });
  });

  it('re-hashes a password stored with older scrypt parameters, and the other sessions stay valid', async () => {
    const stronger = new PasswordHasher({ ...cheapScryptForTests, ln: cheapScryptForTests.ln + 1 });
    const upgrading = new SignInHandler(f.aggregates, f.clock, stronger, sessions, throttle);
    const { account } = await create.execute(
      new CreateAccountCommand({ name: '田中', roles: ['agent'], password }, f.issuedBy(null, ['admin'])),
    );
    const earlier = await handler.execute(new SignInCommand('田中', password));
    f.clock.advance(1000);
    expect(await upgrading.execute(new SignInCommand('田中', password))).toMatchObject({ outcome: 'signed-in' });
    const updated = (await findAccount(f.aggregates, account.id))!;
    expect(stronger.needsRehash(updated.passwordHash!)).toBe(false);
    expect(await stronger.verify(password, updated.passwordHash)).toBe(true);
    if (earlier.outcome !== 'signed-in') throw new Error('not signed in');
    const session = (await sessions.resolve(earlier.sessionId, f.clock.now()))!;
    expect(sessionPredatesPassword(updated, session.createdAt)).toBe(false);
    // Signing in again with the same parameters appends nothing more.
    const before = (await f.eventStore.readStream(`account-${account.id}`)).length;
    await upgrading.execute(new SignInCommand('田中', password));
    expect((await f.eventStore.readStream(`account-${account.id}`)).length).toBe(before);
  });
});
