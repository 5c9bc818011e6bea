import { describe, expect, it } from '@jest/globals';
import { displayDate, formatDisplayTime, isoToLocalInput, localInputToIso } from './display-time';

describe('display time', () => {
  it('shows a UTC instant as YYYY/MM/DD HH:mm:ss in Asia/Tokyo', () => {
    expect(formatDisplayTime('2026-11-30T15:04:05Z')).toBe('2026/12/01 00:04:05');
    expect(formatDisplayTime('2026-01-02T03:04:05.678Z', 'Asia/Tokyo')).toBe('2026/01/02 12:04:05');
  });

  it('uses the zone it is given, not the machine zone', () => {
    expect(formatDisplayTime('2026-07-01T12:00:00Z', 'America/New_York')).toBe('2026/07/01 08:00:00');
  });

  it('shows nothing for a missing or malformed time', () => {
    expect(formatDisplayTime(null)).toBe('');
    expect(formatDisplayTime('not a time')).toBe('');
  });

  it('reads a datetime-local value as Tokyo wall-clock time', () => {
    expect(localInputToIso('2026-12-01T09:30')).toBe('2026-12-01T09:30:00+09:00');
    expect(localInputToIso('2026-12-01T09:30', 'Asia/Tokyo', true)).toBe('2026-12-01T09:30:59+09:00');
    expect(localInputToIso('2026-12-01')).toBeNull();
  });

  it('applies daylight saving time of other zones', () => {
    expect(localInputToIso('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(localInputToIso('2026-12-01T09:00', 'America/New_York')).toBe('2026-12-01T09:00:00-05:00');
  });

  it('turns an ISO time back into the datetime-local value of the display zone', () => {
    expect(isoToLocalInput('2026-12-01T09:30:00+09:00')).toBe('2026-12-01T09:30');
    expect(isoToLocalInput('2026-12-01T00:30:00Z')).toBe('2026-12-01T09:30');
    expect(isoToLocalInput('2026-12-01')).toBe('2026-12-01T00:00');
  });

  it('gives the display-zone date of an instant', () => {
    expect(displayDate(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
  });
});
