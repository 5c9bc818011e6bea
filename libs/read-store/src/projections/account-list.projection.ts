import { type AccountEvent, type Role, assertNever, idFromStream, streamCategories } from '#domain';
import type { RecordedEvent } from '#event-store';
import { type Projection, eventOf } from './projection.js';

/**
 * A row of アカウント一覧 (`GET /accounts`). Holds no secret: of the token only the stream's events know the
 * hash, and of the password the row keeps whether one is set, never its hash.
 */
export interface AccountListRow {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  hasPassword: boolean;
}

/** The events that change what the list shows; `TokenIssued` and `ColumnsChosen` do not. */
const accountListEventTypes: readonly AccountEvent['type'][] = ['AccountCreated', 'EmailRegistered', 'PasswordSet'];

function evolve(row: AccountListRow | null, recorded: RecordedEvent): AccountListRow | null {
  const event = eventOf<AccountEvent>(recorded);
  if (event.type === 'AccountCreated') {
    const { accountId, name, email, roles } = event.data;
    return { id: accountId, name, email, roles: [...roles], hasPassword: false };
  }
  if (row === null) return null;
  switch (event.type) {
    case 'EmailRegistered':
      return { ...row, email: event.data.email };
    case 'PasswordSet':
      return { ...row, hasPassword: true };
    case 'TokenIssued':
    case 'ColumnsChosen':
      return row;
    default:
      return assertNever(event);
  }
}

export const accountListProjection: Projection<AccountListRow, 'accounts'> = {
  name: 'accounts',
  version: 1,
  handles: accountListEventTypes,
  keyOf: (event) => idFromStream(streamCategories.account, event.streamName),
  evolve,
};
