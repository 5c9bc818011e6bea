import { afterAll, describe, expect, it } from '@jest/globals';
import { hashToken } from '#runtime';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { CreateAccountCommand } from './create-account.command.js';
import { CreateAccountHandler } from './create-account.handler.js';

describe('create-account', () => {
  const f = useCaseFixture();
  const handler = new CreateAccountHandler(f.aggregates, f.clock, f.hasher);
  afterAll(() => f.close());

  it('creates the account and binds its first token to it', async () => {
    const created = await handler.execute(
      new CreateAccountCommand({ name: '田中', roles: ['agent'], email: null }, f.issuedBy(null, ['admin'])),
    );
    expect(created.account).toMatchObject({ name: '田中', roles: ['agent'], email: null });
    const binding = await f.aggregates.tokens.load(hashToken(created.token));
    expect(binding.state).toEqual({
      status: 'bound',
      tokenHash: hashToken(created.token),
      accountId: created.account.id,
    });
  });

  it('refuses an unknown role', async () => {
    await expect(
      handler.execute(new CreateAccountCommand({ name: '田中', roles: ['wizard'] }, f.issuedBy(null, ['admin']))),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
