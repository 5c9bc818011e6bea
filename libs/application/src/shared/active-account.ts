import type { Account, AccountState } from '#domain';

/** The account after a successful command on it (it exists by then). */
export function activeAccount(state: AccountState): Account {
  if (state.status !== 'active') throw new Error('the account does not exist after a successful command');
  const { status: _status, ...account } = state;
  return account;
}

/** The account of this id as its stream says now, or null when there is none. */
export async function findAccount(
  aggregates: { accounts: { load(id: string): Promise<{ state: AccountState }> } },
  accountId: string,
): Promise<Account | null> {
  const { state } = await aggregates.accounts.load(accountId);
  return state.status === 'active' ? activeAccount(state) : null;
}
