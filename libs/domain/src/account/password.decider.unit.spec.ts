import { describe, expect, it } from '@jest/globals';
import { expectThrows, given } from '../shared/decider.spec-helper.js';
import type { AccountCommand } from './account.commands.js';
import { accountDecider } from './account.decider.js';
import type { AccountEvent } from './account.events.js';
import { normaliseLogin, parsePassword, parsePasswordHash, sessionPredatesPassword } from './password.values.js';

const accountId = 'acc-1';
const createdAt = '2024-05-01T00:00:00.000Z';
const later = new Date('2024-05-02T09:30:00.000Z');
const hashA = 'scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaEE';
const hashB = 'scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaEI';

const created: AccountEvent = {
  type: 'AccountCreated',
  data: { accountId, name: '佐藤', email: null, roles: ['agent'], createdAt },
};
const tokenIssued: AccountEvent = {
  type: 'TokenIssued',
  data: { accountId, tokenHash: 'token-1', issuedAt: createdAt },
};
const passwordSetAtCreation: AccountEvent = {
  type: 'PasswordSet',
  data: { accountId, passwordHash: hashA, setBy: 'admin', setAt: createdAt },
};
const withPassword = [created, tokenIssued, passwordSetAtCreation];

describe('CreateAccount with a password', () => {
  const create: AccountCommand = {
    type: 'CreateAccount',
    accountId,
    name: '佐藤',
    roles: ['agent'],
    tokenHash: 'token-1',
    passwordHash: hashA,
    now: new Date(createdAt),
  };

  it('records the hash of the first password after the token', () => {
    const state = given(accountDecider).when(create).then(withPassword);
    expect(state).toMatchObject({ passwordHash: hashA, sessionsValidFrom: createdAt });
  });

  it('creates an account without a password when none is given', () => {
    const state = given(accountDecider)
      .when({ ...create, passwordHash: null })
      .then([created, tokenIssued]);
    expect(state).toMatchObject({ passwordHash: null, sessionsValidFrom: null });
  });

  it('refuses something that is not an encoded hash together with other bad fields', () => {
    given(accountDecider)
      .when({ ...create, name: '', passwordHash: 'correct horse battery' })
      .thenThrows('VALIDATION_FAILED', ['name', 'passwordHash']);
  });
});

describe('RehashPassword', () => {
  it('replaces the hash of the same password and keeps the sessions it was verified for', () => {
    const state = given(accountDecider, withPassword)
      .when({ type: 'RehashPassword', passwordHash: hashB, now: later })
      .then([
        { type: 'PasswordSet', data: { accountId, passwordHash: hashB, setBy: 'rehash', setAt: later.toISOString() } },
      ]);
    expect(state).toMatchObject({ passwordHash: hashB, sessionsValidFrom: createdAt });
  });

  it('does nothing for an account without a password', () => {
    given(accountDecider, [created, tokenIssued])
      .when({ type: 'RehashPassword', passwordHash: hashB, now: later })
      .then([]);
  });
});

describe('ChangeOwnPassword and SetPassword', () => {
  it('the account changes its own password: the new hash, and sessions before now end', () => {
    const state = given(accountDecider, withPassword)
      .when({ type: 'ChangeOwnPassword', passwordHash: hashB, now: later })
      .then([
        { type: 'PasswordSet', data: { accountId, passwordHash: hashB, setBy: 'self', setAt: later.toISOString() } },
      ]);
    expect(state).toMatchObject({ passwordHash: hashB, sessionsValidFrom: later.toISOString() });
  });

  it('an admin sets the password of an account that had none', () => {
    const state = given(accountDecider, [created, tokenIssued])
      .when({ type: 'SetPassword', passwordHash: hashB, now: later })
      .then([
        { type: 'PasswordSet', data: { accountId, passwordHash: hashB, setBy: 'admin', setAt: later.toISOString() } },
      ]);
    expect(state).toMatchObject({ passwordHash: hashB });
  });

  it('a retried request with the same hash changes nothing', () => {
    given(accountDecider, withPassword).when({ type: 'SetPassword', passwordHash: hashA, now: later }).then([]);
  });

  it.each(['', ' ', 'no-dollar-sign', `scrypt$${'x'.repeat(600)}`])('refuses the hash %j', (passwordHash) => {
    given(accountDecider, withPassword)
      .when({ type: 'ChangeOwnPassword', passwordHash, now: later })
      .thenThrows('VALIDATION_FAILED', ['passwordHash']);
  });

  it('sessions opened before the last password change no longer count, those after do', () => {
    const state = given(accountDecider, withPassword)
      .when({ type: 'ChangeOwnPassword', passwordHash: hashB, now: later })
      .then([
        { type: 'PasswordSet', data: { accountId, passwordHash: hashB, setBy: 'self', setAt: later.toISOString() } },
      ]);
    if (state.status !== 'active') throw new Error('account should be active');
    expect(sessionPredatesPassword(state, new Date(later.getTime() - 1))).toBe(true);
    expect(sessionPredatesPassword(state, later)).toBe(false);
    expect(sessionPredatesPassword({ sessionsValidFrom: null }, new Date(0))).toBe(false);
  });
});

describe('password rules', () => {
  it('accepts 12 characters counted as people count them (emoji and kana are one each)', () => {
    expect(parsePassword('abcdefghijkl')).toBe('abcdefghijkl');
    expect(parsePassword('😀😀😀😀😀😀😀😀😀😀😀😀')).toHaveLength(24);
    expect(parsePassword('おりかえしよびパスワード')).toBe('おりかえしよびパスワード');
  });

  it('refuses 11 characters even when they take more than 12 UTF-16 units', () => {
    expectThrows(() => parsePassword('😀😀😀😀😀😀😀😀😀😀😀'), 'VALIDATION_FAILED', ['password']);
    expectThrows(() => parsePassword('abcdefghijk'), 'VALIDATION_FAILED', ['password']);
  });

  it('normalises full-width input so the same password typed another way matches', () => {
    expect(parsePassword('ｐａｓｓｗｏｒｄ１２３４')).toBe('password1234');
  });

  it('keeps spaces of a passphrase but refuses only spaces', () => {
    expect(parsePassword(' correct horse ')).toBe(' correct horse ');
    expectThrows(() => parsePassword(' '.repeat(20)), 'VALIDATION_FAILED', ['password']);
  });

  it.each([null, undefined, 123456789012, 'x'.repeat(257)])('refuses %j', (raw) => {
    expectThrows(() => parsePassword(raw), 'VALIDATION_FAILED', ['password']);
  });

  it('accepts exactly 256 characters', () => {
    expect(parsePassword('x'.repeat(256))).toHaveLength(256);
  });

  it('the hash check names the field it was given', () => {
    expectThrows(() => parsePasswordHash('', 'hash'), 'VALIDATION_FAILED', ['hash']);
    expect(parsePasswordHash(hashA)).toBe(hashA);
  });

  it('compares logins as people mean them', () => {
    expect(normaliseLogin(' Sato@Example.COM ')).toBe('sato@example.com');
    expect(normaliseLogin('ｓａｔｏ')).toBe('sato');
    expect(normaliseLogin('佐藤')).toBe('佐藤');
  });
});
