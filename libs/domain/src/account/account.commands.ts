import type { CallbackColumn, Role } from './account.events.js';

export type AccountCommand =
  | {
      type: 'CreateAccount';
      accountId: string;
      name: string;
      email?: string | null;
      roles: string[];
      tokenHash: string;
      now: Date;
    }
  | { type: 'RegisterEmail'; email: string | null; now: Date }
  | { type: 'ChooseColumns'; columns: string[]; now: Date }
  | { type: 'IssueToken'; tokenHash: string; now: Date };

export interface Account {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  columns: CallbackColumn[];
  /** Hash of the one token currently valid; issuing a new token revokes the previous one. */
  tokenHash: string;
}

export type AccountState = { status: 'absent' } | ({ status: 'active' } & Account);
