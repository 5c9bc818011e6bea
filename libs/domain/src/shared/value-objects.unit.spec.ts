import { describe, expect, it } from '@jest/globals';
import { expectThrows } from './decider.spec-helper.js';
import { normalizePhoneNumber, parseOptionalPhoneNumber, parsePhoneNumber } from './phone-number.js';
import { parseOptionalText, parseRequiredText } from './text.js';
import { parseCalendarDate, parseInstant, parsePastTimestamp } from './timestamp.js';
import { invalid, parseAll } from './validation.js';

describe('phone number', () => {
  it.each([
    ['０３－１２３４－５６７８', '0312345678'],
    ['+81 3-1234-5678', '+81312345678'],
    ['＋８１（３）１２３４ー５６７８', '+81312345678'],
    ['(03) 1234−5678', '0312345678'],
    ['201', '201'],
    ['  090 1234 5678 ', '09012345678'],
    ['1'.repeat(32), '1'.repeat(32)],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalizePhoneNumber(raw)).toBe(expected);
  });

  it.each(['', '   ', '+', '03-1234-abcd', '1+2', '++81', '1'.repeat(33), '03.1234.5678', 'anonymous'])(
    'refuses %j',
    (raw) => {
      expect(normalizePhoneNumber(raw)).toBeNull();
      expectThrows(() => parsePhoneNumber(raw, 'ourNumber'), 'VALIDATION_FAILED', ['ourNumber']);
    },
  );

  it('treats an absent, null or blank caller number as withheld', () => {
    expect(parseOptionalPhoneNumber(undefined, 'callerNumber')).toBeNull();
    expect(parseOptionalPhoneNumber(null, 'callerNumber')).toBeNull();
    expect(parseOptionalPhoneNumber(' ', 'callerNumber')).toBeNull();
    expectThrows(() => parseOptionalPhoneNumber(3, 'callerNumber'), 'VALIDATION_FAILED', ['callerNumber']);
  });
});

describe('bounded text', () => {
  it('trims and keeps up to 200 code points', () => {
    expect(parseRequiredText('  東京センター ', 'callCenter')).toBe('東京センター');
    expect(parseRequiredText('😀'.repeat(200), 'callCenter')).toBe('😀'.repeat(200));
  });

  it.each([['   '], [''], ['x'.repeat(201)], ['a\u0000b'], ['line\nbreak'], [42], [null]])('refuses %j', (raw) => {
    expectThrows(() => parseRequiredText(raw, 'callCenter'), 'VALIDATION_FAILED', ['callCenter']);
  });

  it('gives null for an absent or blank optional text', () => {
    expect(parseOptionalText(undefined, 'businessLabel')).toBeNull();
    expect(parseOptionalText('', 'businessLabel')).toBeNull();
    expect(parseOptionalText(' 保守 ', 'businessLabel')).toBe('保守');
    expectThrows(() => parseOptionalText(['x'], 'businessLabel'), 'VALIDATION_FAILED', ['businessLabel']);
  });
});

describe('timestamps', () => {
  const now = new Date('2024-05-01T00:00:00.000Z');

  it.each([
    ['2024-05-01T09:00:00+09:00', '2024-05-01T00:00:00.000Z'],
    ['2024-04-30T23:59:59.123456Z', '2024-04-30T23:59:59.123Z'],
    ['2024-04-30T20:00-04:00', '2024-05-01T00:00:00.000Z'],
    ['2024-04-30 12:00:00+0900', '2024-04-30T03:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s (UTC)', (raw, expected) => {
    expect(parsePastTimestamp(raw, 'receivedAt', now)).toBe(expected);
  });

  it.each([
    '2024-04-30',
    '2024-04-30T10:00:00',
    'yesterday',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-04-30T24:00:00Z',
    '2024-13-01T00:00:00Z',
    '',
  ])('refuses %j (no zone, not a date-time, or not in the calendar)', (raw) => {
    expectThrows(() => parsePastTimestamp(raw, 'receivedAt', now), 'VALIDATION_FAILED', ['receivedAt']);
  });

  it('refuses the future but accepts exactly now', () => {
    expect(parsePastTimestamp('2024-05-01T09:00:00+09:00', 'registeredAt', now)).toBe(now.toISOString());
    const error = expectThrows(
      () => parsePastTimestamp('2024-05-01T00:00:00.001Z', 'registeredAt', now),
      'VALIDATION_FAILED',
      ['registeredAt'],
    );
    expect(error.fieldErrors[0].message).toMatch(/future/);
  });

  it('reads calendar dates and instants', () => {
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('2024-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('2100-12-31T23:59:59-12:00')?.toISOString()).toBe('2101-01-01T11:59:59.000Z');
  });

  it.each(['0000-01-01', '0099-12-31', '1999-12-31', '2101-01-01', '9999-12-31'])(
    'refuses the year of %s, as a date and as a date-time',
    (date) => {
      expect(parseCalendarDate(date)).toBeNull();
      expect(parseInstant(`${date}T00:00:00Z`)).toBeNull();
      const error = expectThrows(
        () => parsePastTimestamp(`${date}T00:00:00Z`, 'receivedAt', now),
        'VALIDATION_FAILED',
        ['receivedAt'],
      );
      expect(error.fieldErrors[0].message).toBe('must be in the years 2000–2100');
    },
  );

  it('accepts the first and last accepted years', () => {
    expect(parseCalendarDate('2000-01-01')).toBe('2000-01-01');
    expect(parseCalendarDate('2100-12-31')).toBe('2100-12-31');
    expect(parseInstant('2000-01-01T00:00:00+09:00')?.toISOString()).toBe('1999-12-31T15:00:00.000Z');
  });
});

describe('parseAll', () => {
  it('collects the errors of every field', () => {
    const error = expectThrows(
      () =>
        parseAll({
          a: () => invalid('a', 'bad'),
          b: () => 1,
          c: () => invalid('c', 'bad'),
        }),
      'VALIDATION_FAILED',
      ['a', 'c'],
    );
    expect(error.message).toBe('a: bad; c: bad');
  });

  it('lets other errors through', () => {
    expect(() =>
      parseAll({
        a: () => {
          throw new TypeError('bug');
        },
      }),
    ).toThrow(TypeError);
  });
});
