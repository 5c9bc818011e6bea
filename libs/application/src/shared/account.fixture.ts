import { CreateAccountCommand } from '../create-account/create-account.command.js';
import { CreateAccountHandler } from '../create-account/create-account.handler.js';
import type { useCaseFixture } from './use-case.fixture.js';

let created = 0;

/** Creates an account for a spec (as an administrator would); names are sign-in logins, so each is new. */
export async function createdAccount(
  f: ReturnType<typeof useCaseFixture>,
  roles: string[] = ['agent'],
  email: string | null = null,
) {
  const handler = new CreateAccountHandler(f.aggregates, f.clock, f.hasher);
  return (
    await handler.execute(
      new CreateAccountCommand({ name: `田中 ${(created += 1)}`, roles, email }, f.issuedBy(null, ['admin'])),
    )
  ).account;
}
