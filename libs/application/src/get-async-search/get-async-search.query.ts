import type { Account } from '#domain';

/** One async search, read from its own stream (404 for anyone but the owner or an admin). */
export class GetAsyncSearchQuery {
  constructor(
    readonly asyncSearchId: string,
    readonly account: Pick<Account, 'id' | 'roles'>,
  ) {}
}
