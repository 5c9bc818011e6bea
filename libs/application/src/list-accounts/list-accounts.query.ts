/** アカウント一覧 (administrators): every account, without secrets. */
export class ListAccountsQuery {}

export interface AccountListItem {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
  /** Whether the account can sign in with a password (the hash itself never leaves the service). */
  hasPassword: boolean;
}
