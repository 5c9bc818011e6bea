import type { Account, AccountState } from '#domain';

/** The account after a successful command on it (it exists by then). */
export function activeAccount(state: AccountState): Account {
  if (state.status !== 'active') throw new Error('the account does not exist after a successful command');
  const { status: _status, ...account } = state;
  return account;
}
