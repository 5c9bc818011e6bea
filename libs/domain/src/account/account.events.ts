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
  | { type: 'TokenIssued'; data: { accountId: string; tokenHash: string; issuedAt: string } };

/** Stream `token-<hash>`: binds a token hash to its account, appended with "no stream" so a hash is used once. */
export type TokenEvent = { type: 'TokenBound'; data: { tokenHash: string; accountId: string } };
