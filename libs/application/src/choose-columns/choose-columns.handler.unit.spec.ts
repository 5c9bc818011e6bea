import { afterAll, describe, expect, it } from '@jest/globals';
import { createdAccount } from '../shared/account.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ChooseColumnsCommand } from './choose-columns.command.js';
import { ChooseColumnsHandler } from './choose-columns.handler.js';

describe('choose-columns', () => {
  const f = useCaseFixture();
  const handler = new ChooseColumnsHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('keeps the chosen columns in the chosen order', async () => {
    const account = await createdAccount(f);
    const chosen = await handler.execute(new ChooseColumnsCommand(account.id, ['memo', 'callCenter'], f.issuedBy()));
    expect(chosen.columns).toEqual(['memo', 'callCenter']);
  });

  it('refuses an unknown column', async () => {
    const account = await createdAccount(f);
    await expect(
      handler.execute(new ChooseColumnsCommand(account.id, ['shoeSize'], f.issuedBy())),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
