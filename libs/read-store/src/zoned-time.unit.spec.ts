import { describe, expect, it } from '@jest/globals';
import { ZonedTimeFormatter } from './zoned-time.js';

const reference = new Map<string, Intl.DateTimeFormat>();

/** The slow, obviously right answer: Intl for every instant. */
function viaIntl(timeZone: string, epochMs: number): string {
  if (!reference.has(timeZone)) {
    reference.set(
      timeZone,
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
    );
  }
  const parts = Object.fromEntries(
    reference
      .get(timeZone)!
      .formatToParts(epochMs)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('ZonedTimeFormatter', () => {
  it('formats UTC instants as wall-clock time in Asia/Tokyo', () => {
    const tokyo = new ZonedTimeFormatter('Asia/Tokyo');
    expect(tokyo.format('2024-12-31T15:00:00.000Z')).toBe('2025-01-01 00:00:00');
    expect(tokyo.format('2025-01-02T03:04:05.999Z')).toBe('2025-01-02 12:04:05');
    expect(tokyo.format('2025-01-02T03:04:05Z')).toBe('2025-01-02 12:04:05');
    expect(tokyo.format('2025-01-02T12:04:05+09:00')).toBe('2025-01-02 12:04:05');
    expect(tokyo.format('not a time')).toBeNull();
    expect(tokyo.format('2025-01-02T03:99:05.000Z')).toBeNull();
  });

  it('is exact second by second around a DST transition', () => {
    const newYork = new ZonedTimeFormatter('America/New_York');
    const transition = Date.UTC(2024, 2, 10, 7); // 02:00 EST → 03:00 EDT
    for (let t = transition - 5_000; t <= transition + 5_000; t += 1_000) {
      expect(newYork.format(new Date(t).toISOString())).toBe(viaIntl('America/New_York', t));
    }
    expect(newYork.format(new Date(transition - 1_000).toISOString())).toBe('2024-03-10 01:59:59');
    expect(newYork.format(new Date(transition).toISOString())).toBe('2024-03-10 03:00:00');
  });

  it.each(['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'])(
    'agrees with Intl across DST transitions in %s',
    (timeZone) => {
      const formatter = new ZonedTimeFormatter(timeZone);
      // Every 17 minutes 13 seconds through 2024: crosses each transition at an uneven instant.
      const mismatches: string[] = [];
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 1_033_000) {
        const iso = new Date(t).toISOString();
        if (formatter.format(iso) !== viaIntl(timeZone, t)) mismatches.push(iso);
      }
      expect(mismatches).toEqual([]);
    },
  );
});
