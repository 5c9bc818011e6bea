export const roles = ['integration', 'agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Columns of the callback list, by their API field names (product.md §1), in screen order. */
export const callbackColumns = [
  'id',
  'registeredAt',
  'receivedAt',
  'agent',
  'status',
  'callCenter',
  'businessLabel',
  'callerNumber',
  'ourNumber',
  'requestId',
  'recording',
  'memo',
] as const;
export type CallbackColumn = (typeof callbackColumns)[number];
/** Every column but `receivedAt` (hidden by default, as on the original screen). */
export const defaultCallbackColumns: readonly CallbackColumn[] = callbackColumns.filter((c) => c !== 'receivedAt');

/** Facts about one account (stream `account-<id>`); tokens are only ever stored as SHA-256 hex hashes. */
export type AccountEvent =
  | {
      type: 'AccountCreated';
      data: { accountId: string; name: string; email: string | null; roles: Role[]; createdAt: string };
    }
  | { type: 'EmailRegistered'; data: { accountId: string; email: string | null } }
  | { type: 'ColumnsChosen'; data: { accountId: string; columns: CallbackColumn[] } }
  | { type: 'TokenIssued'; data: { accountId: string; tokenHash: string; issuedAt: string } }
  /**
   * The account's password was set: only the slow salted hash (never the password) is recorded. Sessions
   * opened before `setAt` stop authenticating, so a changed password ends the account's other sessions.
   */
  | { type: 'PasswordSet'; data: { accountId: string; passwordHash: string; setBy: PasswordSetter; setAt: string } };

/**
 * Who set a password: the account itself (its current password verified first), an admin, or the sign-in
 * that re-hashed the same password with the current hashing parameters (`rehash`: sessions stay valid).
 */
export type PasswordSetter = 'self' | 'admin' | 'rehash';

/** Stream `token-<hash>`: binds a token hash to its account, appended with "no stream" so a hash is used once. */
export type TokenEvent = { type: 'TokenBound'; data: { tokenHash: string; accountId: string } };

/**
 * Stream `login-<key>` (key = SHA-256 of the normalised name or email): binds a sign-in name to its account,
 * appended with "no stream" so a login answers for one account only (sign-in looks accounts up by it).
 */
export type LoginEvent = { type: 'LoginClaimed'; data: { loginKey: string; accountId: string } };
