import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { idFromStream, streamCategories } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { Aggregates } from '../shared/aggregates.js';
import { findAccount } from '../shared/active-account.js';
import { type AccountListItem, ListAccountsQuery } from './list-accounts.query.js';

/**
 * Reads the accounts from the event store: the global order names every account stream once (its
 * `AccountCreated`), and each account's own stream gives its current state. Accounts are few and this is an
 * administrator's page, but the scan reads every event: a read-store view of accounts is the next step once
 * the event log is large (see docs/decisions.md).
 */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery, AccountListItem[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly aggregates: Aggregates,
  ) {}

  async execute(): Promise<AccountListItem[]> {
    const ids: string[] = [];
    for await (const event of this.eventStore.readAll()) {
      if (event.type !== 'AccountCreated') continue;
      const id = idFromStream(streamCategories.account, event.streamName);
      if (id !== null) ids.push(id);
    }
    const items: AccountListItem[] = [];
    for (const id of ids) {
      const account = await findAccount(this.aggregates, id);
      if (!account) continue;
      const { name, email, roles, passwordHash } = account;
      items.push({ id, name, email, roles: [...roles], hasPassword: passwordHash !== null });
    }
    return items.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  }
}
