import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { parseAll } from '../shared/validation.js';
import type { AccountCommand, AccountState } from './account.commands.js';
import { defaultCallbackColumns, type AccountEvent } from './account.events.js';
import { parseAccountName, parseColumns, parseEmail, parseRoles } from './account.values.js';
import { parsePasswordHash } from './password.values.js';

function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'CreateAccount') {
    if (state.status !== 'absent') throw new DomainError('INVALID_TRANSITION', `account ${state.id} already exists`);
    const { accountId, tokenHash, now } = command;
    const account = parseAll({
      name: () => parseAccountName(command.name),
      email: () => parseEmail(command.email),
      roles: () => parseRoles(command.roles),
      passwordHash: () => (command.passwordHash == null ? null : parsePasswordHash(command.passwordHash)),
    });
    const { passwordHash, ...created } = account;
    const createdAt = now.toISOString();
    return [
      { type: 'AccountCreated', data: { accountId, ...created, createdAt } },
      { type: 'TokenIssued', data: { accountId, tokenHash, issuedAt: createdAt } },
      ...(passwordHash === null
        ? []
        : [
            {
              type: 'PasswordSet' as const,
              data: { accountId, passwordHash, setBy: 'admin' as const, setAt: createdAt },
            },
          ]),
    ];
  }
  if (state.status === 'absent') throw new DomainError('NOT_FOUND', 'account not found');
  const accountId = state.id;
  switch (command.type) {
    case 'RegisterEmail': {
      const email = parseEmail(command.email);
      return email === state.email ? [] : [{ type: 'EmailRegistered', data: { accountId, email } }];
    }
    case 'ChooseColumns': {
      const columns = parseColumns(command.columns);
      const unchanged = columns.length === state.columns.length && columns.every((c, i) => c === state.columns[i]);
      return unchanged ? [] : [{ type: 'ColumnsChosen', data: { accountId, columns } }];
    }
    case 'IssueToken':
      return command.tokenHash === state.tokenHash
        ? []
        : [
            {
              type: 'TokenIssued',
              data: { accountId, tokenHash: command.tokenHash, issuedAt: command.now.toISOString() },
            },
          ];
    case 'ChangeOwnPassword':
    case 'SetPassword':
    case 'RehashPassword': {
      const passwordHash = parsePasswordHash(command.passwordHash);
      // A retried request carries the same hash (a fresh salt makes every new hash differ): nothing to do.
      if (passwordHash === state.passwordHash) return [];
      // Re-hashing replaces a hash of the same password: without one there is nothing to re-hash.
      if (command.type === 'RehashPassword' && state.passwordHash === null) return [];
      const setBy = setterOf[command.type];
      return [{ type: 'PasswordSet', data: { accountId, passwordHash, setBy, setAt: command.now.toISOString() } }];
    }
    default:
      return assertNever(command);
  }
}

const setterOf = { ChangeOwnPassword: 'self', SetPassword: 'admin', RehashPassword: 'rehash' } as const;

function evolve(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountCreated') {
    const { accountId, name, email, roles } = event.data;
    return {
      status: 'active',
      id: accountId,
      name,
      email,
      roles,
      columns: [...defaultCallbackColumns],
      tokenHash: '',
      passwordHash: null,
      sessionsValidFrom: null,
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'EmailRegistered':
      return { ...state, email: event.data.email };
    case 'ColumnsChosen':
      return { ...state, columns: event.data.columns };
    case 'TokenIssued':
      return { ...state, tokenHash: event.data.tokenHash };
    case 'PasswordSet':
      // A re-hash keeps the same password, so the sessions it was verified for stay valid.
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        sessionsValidFrom: event.data.setBy === 'rehash' ? state.sessionsValidFrom : event.data.setAt,
      };
    default:
      return assertNever(event);
  }
}

/** The behaviour of one account (stream `account-<id>`). */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
