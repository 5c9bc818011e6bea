import { describe, expect, it } from '@jest/globals';
import { callbackMatchText, splitKeywords } from './callback-text.js';
import { formatDisplayDateTime, startOfDisplayDay } from './display-time.js';
import { matchesFilter, toCallbackFilter } from './search-filter.js';

describe('search filter', () => {
  it('reads date-only bounds as whole days in the display time zone', () => {
    expect(toCallbackFilter({ from: '2024-05-01', to: '2024-05-01' }, {}, 'Asia/Tokyo')).toMatchObject({
      registeredFrom: '2024-04-30T15:00:00.000Z',
      registeredBefore: '2024-05-01T15:00:00.000Z',
    });
  });

  it('takes date-times as given, `to` inclusive to the millisecond', () => {
    expect(
      toCallbackFilter({ from: '2024-05-01T09:00:00+09:00', to: '2024-05-01T10:00:00Z' }, {}, 'Asia/Tokyo'),
    ).toMatchObject({
      registeredFrom: '2024-05-01T00:00:00.000Z',
      registeredBefore: '2024-05-01T10:00:00.001Z',
    });
  });

  it('refuses a bound that is neither a date nor a date-time', () => {
    expect(() => toCallbackFilter({ from: 'yesterday' }, {}, 'Asia/Tokyo')).toThrow('from');
  });

  it('turns agent "-" into unassigned and phone numbers into their stored form', () => {
    expect(
      toCallbackFilter({ agent: '-', callerNumber: '（０３）1234－5678', ourNumber: '+81 3 1234' }, {}, 'Asia/Tokyo'),
    ).toMatchObject({
      agent: null,
      callerNumber: '0312345678',
      ourNumber: '+8131234',
    });
  });

  it('splits keywords on half- and full-width spaces and folds them', () => {
    expect(splitKeywords(' ＡＢＣ　ｘｙｚ  ｶﾀｶﾅ ')).toEqual(['abc', 'xyz', 'カタカナ']);
    expect(toCallbackFilter({ q: 'Tanaka' }, {}, 'Asia/Tokyo').keywords).toEqual(['tanaka']);
  });

  it('matches every keyword in some shown column (reference semantics)', () => {
    const view = {
      id: 'cb1',
      registeredAt: '2024-05-01T15:00:00.000Z',
      receivedAt: '2024-05-01T14:00:00.000Z',
      agent: null,
      status: 'complete' as const,
      callCenter: 'Tokyo',
      businessLabel: null,
      callerNumber: null,
      ourNumber: '0120',
      requestId: 'r1',
      recording: 'rec-xyz',
      memo: 'ＶＩＰ',
      version: 0,
      completedAt: null,
    };
    const text = callbackMatchText(view, 'Asia/Tokyo');
    expect(text.registeredAt).toBe('2024-05-02 00:00:00');
    const match = (q: string, columns?: ('memo' | 'status' | 'recording' | 'receivedAt')[]) =>
      matchesFilter(view, text, toCallbackFilter({ q }, { columns }, 'Asia/Tokyo'));
    expect(match('vip 完了')).toBe(true);
    expect(match('vip 未完了')).toBe(false);
    expect(match('tokyo', ['memo', 'status'])).toBe(false);
    expect(match('rec-xyz', ['recording'])).toBe(false); // a player is shown, not text
    expect(match('23:00', ['receivedAt'])).toBe(true);
  });
});

describe('display time', () => {
  it('formats instants as the screen shows them', () => {
    expect(formatDisplayDateTime('2024-12-31T15:00:00.000Z', 'Asia/Tokyo')).toBe('2025-01-01 00:00:00');
  });

  it('finds the start of a day across a DST change', () => {
    expect(new Date(startOfDisplayDay('2024-03-10', 'America/New_York')).toISOString()).toBe(
      '2024-03-10T05:00:00.000Z',
    );
    expect(new Date(startOfDisplayDay('2024-03-11', 'America/New_York')).toISOString()).toBe(
      '2024-03-11T04:00:00.000Z',
    );
  });
});
