import type { Account, SearchCriteria } from '#domain';
import type { CallbackSort } from '#read-store';

/** 検索: the callback list, narrowed in the caller's own columns; more matches than the cap is refused. */
export class SearchCallbacksQuery {
  constructor(
    readonly request: { criteria: SearchCriteria; sort: CallbackSort; page: number; pageSize: number },
    readonly account: Pick<Account, 'columns'>,
  ) {}
}
