import { parsePhoneNumber } from '../shared/phone-number.js';
import { parseRequiredText } from '../shared/text.js';
import {
  acceptedYearsMessage,
  hasYearOutsideAcceptedRange,
  parseCalendarDate,
  parseInstant,
} from '../shared/timestamp.js';
import { invalid, parseAll } from '../shared/validation.js';
import type { SearchCriteria } from './async-search.events.js';

/** The keys `parseSearchCriteria` reads; the HTTP layer refuses any other key. */
export const searchCriteriaKeys = [
  'from',
  'to',
  'callCenter',
  'businessLabel',
  'agent',
  'status',
  'callerNumber',
  'ourNumber',
  'requestId',
  'q',
] as const satisfies readonly (keyof SearchCriteria)[];

export const narrowingMaxLength = 1_000;

const hour = 3_600_000;

interface PeriodBound {
  value: string;
  dateOnly: boolean;
  /** Earliest and latest instant the bound can mean, whatever the display time zone (UTC−12 … UTC+14). */
  earliest: number;
  latest: number;
}

/** `YYYY-MM-DD` (a whole day in the display time zone, kept as is) or a date-time with zone (to UTC). */
function parsePeriodBound(raw: unknown, field: string): PeriodBound {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  if (hasYearOutsideAcceptedRange(raw)) invalid(field, acceptedYearsMessage);
  const date = parseCalendarDate(raw);
  if (date !== null) {
    const midnightUtc = new Date(`${date}T00:00:00Z`).getTime();
    return { value: date, dateOnly: true, earliest: midnightUtc - 14 * hour, latest: midnightUtc + 36 * hour };
  }
  const instant = parseInstant(raw);
  if (instant === null) invalid(field, 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time with a time zone');
  return { value: instant.toISOString(), dateOnly: false, earliest: instant.getTime(), latest: instant.getTime() };
}

/** Two dates compare as days; a date against a date-time only refuses what no time zone could make valid. */
function isBefore(to: PeriodBound, from: PeriodBound): boolean {
  if (to.dateOnly && from.dateOnly) return to.value < from.value;
  return to.latest < from.earliest;
}

function parseStatus(raw: unknown, field: string): SearchCriteria['status'] {
  if (raw !== 'incomplete' && raw !== 'complete') invalid(field, 'must be "incomplete" or "complete"');
  return raw;
}

const isBlank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

/**
 * Validates search conditions (GET /callbacks query, async-search criteria): every field's error at once,
 * named `<fieldPrefix><key>` (`from`, or `criteria.from` inside an async search). Absent, null or blank
 * values are left out of the result. Phone numbers come back normalised, date-times in UTC; date-only
 * bounds stay dates, for the caller to read as whole days in the display time zone.
 */
export function parseSearchCriteria(raw: Record<string, unknown>, fieldPrefix = ''): SearchCriteria {
  const field = (key: keyof SearchCriteria) => `${fieldPrefix}${key}`;
  const optional =
    <T>(key: keyof SearchCriteria, parse: (value: unknown, name: string) => T) =>
    (): T | undefined =>
      isBlank(raw[key]) ? undefined : parse(raw[key], field(key));
  const text = (value: unknown, name: string) => parseRequiredText(value, name);
  const parsed = parseAll({
    from: optional('from', parsePeriodBound),
    to: optional('to', parsePeriodBound),
    callCenter: optional('callCenter', text),
    businessLabel: optional('businessLabel', text),
    agent: optional('agent', text),
    status: optional('status', parseStatus),
    callerNumber: optional('callerNumber', parsePhoneNumber),
    ourNumber: optional('ourNumber', parsePhoneNumber),
    requestId: optional('requestId', text),
    q: optional('q', (value, name) => parseRequiredText(value, name, narrowingMaxLength)),
  });
  const { from, to, ...rest } = parsed;
  if (from && to && isBefore(to, from)) invalid(field('to'), 'must not be before from');
  const criteria: SearchCriteria = { from: from?.value, to: to?.value, ...rest };
  for (const key of searchCriteriaKeys) if (criteria[key] === undefined) delete criteria[key];
  return criteria;
}
