import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCOUNT_LIST, type AccountList } from '#read-store';
import { type AccountListItem, ListAccountsQuery } from './list-accounts.query.js';

/**
 * Reads the accounts view the projector keeps (a view, so eventually consistent: an account created a
 * moment ago shows once the projector has applied its creation). Sorted by name as a Japanese reader
 * expects; the view holds no secret, and each item is rebuilt field by field so none could slip through.
 */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery, AccountListItem[]> {
  constructor(@Inject(ACCOUNT_LIST) private readonly accounts: AccountList) {}

  async execute(): Promise<AccountListItem[]> {
    const rows = await this.accounts.listAccounts();
    return rows
      .map(({ id, name, email, roles, hasPassword }) => ({ id, name, email, roles: [...roles], hasPassword }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  }
}
