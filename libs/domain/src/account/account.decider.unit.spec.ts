import { describe, expect, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import type { AccountCommand } from './account.commands.js';
import { accountDecider } from './account.decider.js';
import { defaultCallbackColumns, type AccountEvent } from './account.events.js';
import { tokenDecider } from './token.decider.js';

const accountId = 'acc-1';
const now = new Date('2024-05-01T00:00:00.000Z');
const createdAt = now.toISOString();

const create: AccountCommand = {
  type: 'CreateAccount',
  accountId,
  name: ' 佐藤 ',
  email: 'Sato@Example.COM',
  roles: ['agent', 'supervisor', 'agent'],
  tokenHash: 'hash-1',
  now,
};
const created: AccountEvent = {
  type: 'AccountCreated',
  data: { accountId, name: '佐藤', email: 'Sato@example.com', roles: ['agent', 'supervisor'], createdAt },
};
const tokenIssued: AccountEvent = {
  type: 'TokenIssued',
  data: { accountId, tokenHash: 'hash-1', issuedAt: createdAt },
};
const history = [created, tokenIssued];

describe('CreateAccount', () => {
  it('creates the account and issues its first token; columns start at the default', () => {
    const state = given(accountDecider).when(create).then([created, tokenIssued]);
    expect(state).toEqual({
      status: 'active',
      id: accountId,
      name: '佐藤',
      email: 'Sato@example.com',
      roles: ['agent', 'supervisor'],
      columns: [...defaultCallbackColumns],
      tokenHash: 'hash-1',
      passwordHash: null,
      sessionsValidFrom: null,
    });
  });

  it('creates an account without email', () => {
    given(accountDecider)
      .when({ ...create, email: undefined })
      .then([{ ...created, data: { ...created.data, email: null } } as AccountEvent, tokenIssued]);
  });

  it('refuses an account that exists', () => {
    given(accountDecider, history).when(create).thenThrows('INVALID_TRANSITION');
  });

  it('refuses bad input, every field at once', () => {
    given(accountDecider)
      .when({ ...create, name: '', email: 'not an email', roles: ['root'] })
      .thenThrows('VALIDATION_FAILED', ['name', 'email', 'roles']);
    given(accountDecider)
      .when({ ...create, roles: [] })
      .thenThrows('VALIDATION_FAILED', ['roles']);
  });
});

describe('commands on an account that does not exist', () => {
  it.each<AccountCommand>([
    { type: 'RegisterEmail', email: 'a@example.com', now },
    { type: 'ChooseColumns', columns: ['id'], now },
    { type: 'IssueToken', tokenHash: 'hash-2', now },
    { type: 'ChangeOwnPassword', passwordHash: 'scrypt$x$y', now },
    { type: 'SetPassword', passwordHash: 'scrypt$x$y', now },
  ])('$type is NOT_FOUND', (command) => {
    given(accountDecider).when(command).thenThrows('NOT_FOUND');
  });
});

describe('RegisterEmail', () => {
  it('registers, changes and clears the email', () => {
    given(accountDecider, history)
      .when({ type: 'RegisterEmail', email: 'new@Example.com', now })
      .then([{ type: 'EmailRegistered', data: { accountId, email: 'new@example.com' } }]);
    const state = given(accountDecider, history)
      .when({ type: 'RegisterEmail', email: null, now })
      .then([{ type: 'EmailRegistered', data: { accountId, email: null } }]);
    expect(state).toMatchObject({ email: null });
  });

  it('changes nothing for the same email', () => {
    given(accountDecider, history).when({ type: 'RegisterEmail', email: ' Sato@EXAMPLE.com ', now }).then([]);
  });

  it('refuses a malformed email', () => {
    given(accountDecider, history)
      .when({ type: 'RegisterEmail', email: 'a@@b', now })
      .thenThrows('VALIDATION_FAILED', ['email']);
  });
});

describe('ChooseColumns', () => {
  it('remembers the chosen columns in their order', () => {
    const columns = ['memo', 'receivedAt', 'id'];
    const state = given(accountDecider, history)
      .when({ type: 'ChooseColumns', columns, now })
      .then([{ type: 'ColumnsChosen', data: { accountId, columns: ['memo', 'receivedAt', 'id'] } }]);
    expect(state).toMatchObject({ columns });
  });

  it('changes nothing when the columns are the same', () => {
    given(accountDecider, history)
      .when({ type: 'ChooseColumns', columns: [...defaultCallbackColumns], now })
      .then([]);
  });

  it.each([[[]], [['id', 'id']], [['id', 'colour']]])('refuses %j', (columns) => {
    given(accountDecider, history)
      .when({ type: 'ChooseColumns', columns, now })
      .thenThrows('VALIDATION_FAILED', ['columns']);
  });
});

describe('IssueToken', () => {
  it('replaces the token', () => {
    const later = new Date('2024-06-01T00:00:00.000Z');
    const state = given(accountDecider, history)
      .when({ type: 'IssueToken', tokenHash: 'hash-2', now: later })
      .then([{ type: 'TokenIssued', data: { accountId, tokenHash: 'hash-2', issuedAt: later.toISOString() } }]);
    expect(state).toMatchObject({ tokenHash: 'hash-2' });
  });

  it('changes nothing for the current token', () => {
    given(accountDecider, history).when({ type: 'IssueToken', tokenHash: 'hash-1', now }).then([]);
  });
});

describe('token binding', () => {
  const bind = { type: 'BindToken', tokenHash: 'hash-1', accountId } as const;
  const bound = { type: 'TokenBound', data: { tokenHash: 'hash-1', accountId } } as const;

  it('binds a token hash to an account once', () => {
    expect(given(tokenDecider).when(bind).then([bound])).toEqual({ status: 'bound', tokenHash: 'hash-1', accountId });
    given(tokenDecider, [bound]).when(bind).then([]);
  });

  it('refuses binding the hash to another account', () => {
    given(tokenDecider, [bound])
      .when({ ...bind, accountId: 'acc-2' })
      .thenThrows('INVALID_TRANSITION');
  });
});
