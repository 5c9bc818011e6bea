import { describe, expect, it } from '@jest/globals';
import type { AccountList, AccountListRow } from '#read-store';
import { ListAccountsHandler } from './list-accounts.handler.js';

describe('list-accounts', () => {
  it('answers the rows of the accounts view sorted by name, with only the listed fields', async () => {
    const rows: AccountListRow[] = [
      { id: 'a2', name: '鈴木', email: null, roles: ['agent'], hasPassword: false },
      { id: 'a1', name: 'Administrator', email: 'admin@example.jp', roles: ['admin'], hasPassword: true },
      // A row carrying more than the list shows (as a future view might) must not leak it.
      {
        id: 'a3',
        name: 'Bot',
        email: null,
        roles: ['integration'],
        hasPassword: false,
        tokenHash: 'ab',
      } as AccountListRow,
    ];
    const accounts: AccountList = { listAccounts: async () => rows };
    const items = await new ListAccountsHandler(accounts).execute();
    expect(items).toEqual([
      { id: 'a1', name: 'Administrator', email: 'admin@example.jp', roles: ['admin'], hasPassword: true },
      { id: 'a3', name: 'Bot', email: null, roles: ['integration'], hasPassword: false },
      { id: 'a2', name: '鈴木', email: null, roles: ['agent'], hasPassword: false },
    ]);
  });
});
