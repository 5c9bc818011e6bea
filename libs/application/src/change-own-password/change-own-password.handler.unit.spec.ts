import { afterAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { sessionPredatesPassword } from '#domain';
import { SqliteSessionStore, SqliteSignInThrottle } from '#infra';
import { CreateAccountCommand } from '../create-account/create-account.command.js';
import { CreateAccountHandler } from '../create-account/create-account.handler.js';
import { findAccount } from '../shared/active-account.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ChangeOwnPasswordCommand } from './change-own-password.command.js';
import { ChangeOwnPasswordHandler } from './change-own-password.handler.js';

describe('change-own-password', () => {
  const f = useCaseFixture();
  const db = new Database(':memory:');
  const sessions = new SqliteSessionStore(db);
  const throttle = new SqliteSignInThrottle(db);
  const handler = new ChangeOwnPasswordHandler(f.aggregates, f.clock, f.hasher, sessions, throttle);
  const create = new CreateAccountHandler(f.aggregates, f.clock, f.hasher);
  afterAll(() => {
    db.close();
    return f.close();
  });

  it('needs the current password, records only a hash, ends the other sessions and gives the caller a new one', async () => {
    const { account } = await create.execute(
      new CreateAccountCommand(
        { name: '高橋', roles: ['agent'], password: 'the first password' },
        f.issuedBy(null, ['admin']),
      ),
    );
    const other = await sessions.open(account.id, f.clock.now());
    const mine = await sessions.open(account.id, f.clock.now());
    await expect(
      handler.execute(
        new ChangeOwnPasswordCommand(
          account.id,
          'wrong current one',
          'the second password',
          mine.sessionId,
          f.issuedBy(),
        ),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    f.clock.advance(1000);
    const changed = await handler.execute(
      new ChangeOwnPasswordCommand(
        account.id,
        'the first password',
        'the second password',
        mine.sessionId,
        f.issuedBy(),
      ),
    );
    expect(await sessions.resolve(other.sessionId, f.clock.now())).toBeNull();
    expect(await sessions.resolve(mine.sessionId, f.clock.now())).toBeNull();
    if (changed.outcome !== 'changed') throw new Error('the change was throttled');
    const fresh = await sessions.resolve(changed.session!.sessionId, f.clock.now());
    const updated = (await findAccount(f.aggregates, account.id))!;
    expect(sessionPredatesPassword(updated, fresh!.createdAt)).toBe(false);
    const events = await f.eventStore.readStream(`account-${account.id}`);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('the second password');
    expect(await f.hasher.verify('the second password', updated.passwordHash)).toBe(true);
  });

  it('refuses further tries for 10 minutes after 5 wrong current passwords, even with the right one', async () => {
    const { account } = await create.execute(
      new CreateAccountCommand(
        { name: '伊藤', roles: ['agent'], password: 'the first password' },
        f.issuedBy(null, ['admin']),
      ),
    );
    const attempt = (current: string) =>
      handler.execute(new ChangeOwnPasswordCommand(account.id, current, 'the second password', null, f.issuedBy()));
    for (let i = 0; i < 5; i += 1) {
      await expect(attempt(`wrong guess ${i}`)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const refused = await attempt('the first password');
    expect(refused).toMatchObject({ outcome: 'throttled' });
    if (refused.outcome !== 'throttled') throw new Error('not throttled');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    const unchanged = (await findAccount(f.aggregates, account.id))!;
    expect(await f.hasher.verify('the first password', unchanged.passwordHash)).toBe(true);
    f.clock.advance(10 * 60 * 1000 + 1000);
    expect(await attempt('the first password')).toMatchObject({ outcome: 'changed' });
  });
});
