import { afterAll, describe, expect, it } from '@jest/globals';
import { generateToken, hashToken } from '#runtime';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { IssueTokenCommand } from './issue-token.command.js';
import { IssueTokenHandler, bootstrapAdminId } from './issue-token.handler.js';

describe('issue-token', () => {
  const f = useCaseFixture();
  const handler = new IssueTokenHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('creates the administrator with the token on the first start, and changes nothing on a restart', async () => {
    const token = generateToken();
    await handler.execute(new IssueTokenCommand(token));
    const created = await f.aggregates.accounts.load(bootstrapAdminId);
    await handler.execute(new IssueTokenCommand(token));
    const admin = await f.aggregates.accounts.load(bootstrapAdminId);
    expect(admin.state).toMatchObject({ status: 'active', roles: ['admin'] });
    expect(admin.version).toBe(created.version);
    expect((await f.aggregates.tokens.load(hashToken(token))).state).toMatchObject({ accountId: bootstrapAdminId });
  });

  it('issues a new token to the administrator when the configured one changed', async () => {
    const next = generateToken();
    await handler.execute(new IssueTokenCommand(next));
    const admin = await f.aggregates.accounts.load(bootstrapAdminId);
    expect(admin.events.at(-1)?.type).toBe('TokenIssued');
    expect((await f.aggregates.tokens.load(hashToken(next))).state).toMatchObject({ accountId: bootstrapAdminId });
  });
});
