import type { CallbackColumn, Role } from './account.events.js';

export type AccountCommand =
  | {
      type: 'CreateAccount';
      accountId: string;
      name: string;
      email?: string | null;
      roles: string[];
      tokenHash: string;
      /** Hash of an optional first password (the clear password is checked and hashed outside the domain). */
      passwordHash?: string | null;
      now: Date;
    }
  | { type: 'RegisterEmail'; email: string | null; now: Date }
  | { type: 'ChooseColumns'; columns: string[]; now: Date }
  | { type: 'IssueToken'; tokenHash: string; now: Date }
  /** The account changes its own password; the caller has verified the current one before hashing the new. */
  | { type: 'ChangeOwnPassword'; passwordHash: string; now: Date }
  /** An admin sets the account's password. */
  | { type: 'SetPassword'; passwordHash: string; now: Date }
  /** A sign-in re-hashes the password it just verified because the stored hash uses older parameters. */
  | { type: 'RehashPassword'; passwordHash: string; now: Date };

export interface Account {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  columns: CallbackColumn[];
  /** Hash of the one token currently valid; issuing a new token revokes the previous one. */
  tokenHash: string;
  /** Hash of the current password (scrypt string from the password hasher); null when none is set. */
  passwordHash: string | null;
  /** ISO time of the last password change: sessions opened before it no longer authenticate. */
  sessionsValidFrom: string | null;
}

export type AccountState = { status: 'absent' } | ({ status: 'active' } & Account);
