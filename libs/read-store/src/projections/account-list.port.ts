import type { AccountListRow } from './account-list.projection.js';

/** アカウント一覧 (`GET /accounts`) over the accounts view. */
export interface AccountList {
  /** Every account, in no particular order (the caller sorts for display). */
  listAccounts(): Promise<AccountListRow[]>;
}

export const ACCOUNT_LIST = Symbol('ACCOUNT_LIST');
