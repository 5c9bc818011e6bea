import { invalid } from './validation.js';

// ISO-8601 / RFC 3339 date-time with a mandatory zone designator; a time without a zone is ambiguous.
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The years a time the service reads may fall in. A callback lives for weeks, so anything outside is a
 * typo or a probe; and the far years break date arithmetic later (the day after 9999-12-31 has no
 * ISO-8601 form, so formatting it throws "Invalid time value").
 */
export const acceptedYears = { earliest: 2000, latest: 2100 } as const;
export const acceptedYearsMessage = `must be in the years ${acceptedYears.earliest}–${acceptedYears.latest}`;

const isAcceptedYear = (year: number) => year >= acceptedYears.earliest && year <= acceptedYears.latest;

/** True when `raw` is written as a date or date-time (`YYYY-…`) whose year is outside `acceptedYears`. */
export function hasYearOutsideAcceptedRange(raw: string): boolean {
  const m = /^(\d{4})-\d{2}-\d{2}(?![\d-])/.exec(raw.trim());
  return m !== null && !isAcceptedYear(Number(m[1]));
}

/**
 * Parses an ISO-8601 date-time with zone (`Z` or `±hh:mm`) into an instant; null when it is not one or
 * its written year is outside `acceptedYears`.
 */
export function parseInstant(raw: string): Date | null {
  const m = dateTimePattern.exec(raw.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  if (!isAcceptedYear(year)) return null;
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const sign = m[9] === '-' ? -1 : 1;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return new Date(instant - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/**
 * A plain calendar date `YYYY-MM-DD` (checked against the calendar); null when it is not one or its year
 * is outside `acceptedYears`.
 */
export function parseCalendarDate(raw: string): string | null {
  const m = datePattern.exec(raw.trim());
  if (!m || !isAcceptedYear(Number(m[1])) || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return m[0];
}

/** A point in time that has already happened (or is exactly `now`), as a UTC ISO-8601 string. */
export function parsePastTimestamp(raw: unknown, field: string, now: Date): string {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  if (hasYearOutsideAcceptedRange(raw)) invalid(field, acceptedYearsMessage);
  const instant = parseInstant(raw);
  if (instant === null)
    invalid(field, 'must be an ISO-8601 date-time with a time zone, e.g. 2024-05-01T09:30:00+09:00');
  if (instant.getTime() > now.getTime()) invalid(field, 'must not be in the future');
  return instant.toISOString();
}
