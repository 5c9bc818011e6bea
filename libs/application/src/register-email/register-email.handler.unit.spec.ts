import { afterAll, describe, expect, it } from '@jest/globals';
import { createdAccount } from '../shared/account.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { RegisterEmailCommand } from './register-email.command.js';
import { RegisterEmailHandler } from './register-email.handler.js';

describe('register-email', () => {
  const f = useCaseFixture();
  const handler = new RegisterEmailHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('registers the address, and null clears it', async () => {
    const account = await createdAccount(f);
    expect((await handler.execute(new RegisterEmailCommand(account.id, 'tanaka@example.jp', f.issuedBy()))).email).toBe(
      'tanaka@example.jp',
    );
    expect((await handler.execute(new RegisterEmailCommand(account.id, null, f.issuedBy()))).email).toBeNull();
  });

  it('refuses something that is not an email address', async () => {
    const account = await createdAccount(f);
    await expect(handler.execute(new RegisterEmailCommand(account.id, 'tanaka', f.issuedBy()))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
