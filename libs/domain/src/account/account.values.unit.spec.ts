import { describe, expect, it } from '@jest/globals';
import { expectThrows } from '../shared/decider.spec-helper.js';
import { parseColumns, parseEmail, parseRoles } from './account.values.js';

describe('email', () => {
  it.each([
    ['a@example.com', 'a@example.com'],
    [' First.Last+tag@Mail.Example.JP ', 'First.Last+tag@mail.example.jp'],
    ['ops@localhost', 'ops@localhost'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parseEmail(raw)).toBe(expected);
  });

  it('gives null for null, absent or blank (no email)', () => {
    expect(parseEmail(null)).toBeNull();
    expect(parseEmail(undefined)).toBeNull();
    expect(parseEmail('  ')).toBeNull();
  });

  it.each([
    'plain',
    'a@b@c',
    'a b@example.com',
    '@example.com',
    'a@',
    'a@example..com',
    'a@.com',
    42,
    `${'a'.repeat(250)}@x.jp`,
  ])('refuses %j', (raw) => {
    expectThrows(() => parseEmail(raw), 'VALIDATION_FAILED', ['email']);
  });
});

describe('roles and columns', () => {
  it('deduplicates roles, keeping their order', () => {
    expect(parseRoles(['admin', 'agent', 'admin'])).toEqual(['admin', 'agent']);
  });

  it.each([[[]], [['boss']], ['admin'], [[1]]])('refuses roles %j', (raw) => {
    expectThrows(() => parseRoles(raw), 'VALIDATION_FAILED', ['roles']);
  });

  it('keeps columns in the chosen order, without forcing id', () => {
    expect(parseColumns(['memo', 'agent'])).toEqual(['memo', 'agent']);
  });

  it.each([[[]], [['memo', 'memo']], [['colour']], ['memo']])('refuses columns %j', (raw) => {
    expectThrows(() => parseColumns(raw), 'VALIDATION_FAILED', ['columns']);
  });
});
