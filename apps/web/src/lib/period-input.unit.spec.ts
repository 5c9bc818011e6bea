import { describe, expect, it } from '@jest/globals';
import { localToPeriodText, periodTextToLocal } from './period-input';

describe('period input in Japanese order', () => {
  it('shows a wall-clock value as YYYY/MM/DD HH:mm', () => {
    expect(localToPeriodText('2026-12-01T09:30')).toBe('2026/12/01 09:30');
    expect(localToPeriodText('')).toBe('');
  });

  it('reads YYYY/MM/DD HH:mm, short months and days, hyphens and full-width digits', () => {
    expect(periodTextToLocal('2026/12/01 09:30', 'start')).toBe('2026-12-01T09:30');
    expect(periodTextToLocal('2026/1/5 9:05', 'start')).toBe('2026-01-05T09:05');
    expect(periodTextToLocal('2026-12-01 09:30', 'end')).toBe('2026-12-01T09:30');
    expect(periodTextToLocal('２０２６／１２／０１　０９：３０', 'start')).toBe('2026-12-01T09:30');
  });

  it('takes a date alone as the whole day', () => {
    expect(periodTextToLocal('2026/12/01', 'start')).toBe('2026-12-01T00:00');
    expect(periodTextToLocal('2026/12/01', 'end')).toBe('2026-12-01T23:59');
  });

  it('leaves an empty field empty and refuses what is not a date', () => {
    expect(periodTextToLocal('  ', 'start')).toBe('');
    for (const text of ['12/01/2026', '2026/13/01', '2026/02/30', '2026/12/01 24:00', '2026/12/01 9:60', '昨日'])
      expect(periodTextToLocal(text, 'start')).toBeNull();
  });
});
