import {
  type CallbackColumn,
  type SearchCriteria,
  DomainError,
  defaultCallbackColumns,
  normalizePhoneNumber,
  parseCalendarDate,
  parseInstant,
} from '#domain';
import type { CallbackView } from './callback-view.js';
import { type CallbackMatchText, matchesKeywords, splitKeywords } from './callback-text.js';
import { nextDay, startOfDisplayDay } from './display-time.js';

/** The narrowing box and the columns the caller's list shows (their own column choice). */
export interface Narrowing {
  /** Raw text of the box; absent = `criteria.q`. */
  keywords?: string;
  /** Absent = the default columns (every column but `receivedAt`). */
  columns?: readonly CallbackColumn[];
}

/**
 * Search conditions resolved to what the stores compare: every bound an instant, every value in its
 * stored form. Combined with AND. `registeredAt` is the half-open range [registeredFrom, registeredBefore).
 */
export interface CallbackFilter {
  registeredFrom?: string;
  registeredBefore?: string;
  callCenter?: string;
  businessLabel?: string;
  /** null = unassigned (`agent=-`). */
  agent?: string | null;
  status?: 'incomplete' | 'complete';
  callerNumber?: string;
  ourNumber?: string;
  requestId?: string;
  /** Folded (NFKC, lower case) keywords; each must occur in one of `columns`. */
  keywords: string[];
  columns: readonly CallbackColumn[];
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function invalidBound(field: string): never {
  throw DomainError.validation([
    { field, message: 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time with a time zone' },
  ]);
}

/** `from`: a date means the start of that day in the display zone; a date-time is taken as given. */
function lowerBound(raw: string, timeZone: string): string {
  const date = parseCalendarDate(raw);
  if (date !== null) return new Date(startOfDisplayDay(date, timeZone)).toISOString();
  const instant = parseInstant(raw);
  return instant ? instant.toISOString() : invalidBound('from');
}

/**
 * `to` is inclusive: a date means up to the end of that day (exclusive start of the next one); a
 * date-time `t` becomes `t + 1 ms`, exact because stored instants carry millisecond precision.
 */
function upperBound(raw: string, timeZone: string): string {
  const date = parseCalendarDate(raw);
  if (date !== null) return new Date(startOfDisplayDay(nextDay(date), timeZone)).toISOString();
  const instant = parseInstant(raw);
  return instant ? new Date(instant.getTime() + 1).toISOString() : invalidBound('to');
}

/** Any input form (`０３－１２３４－５６７８`, `03 1234 5678`) compares as the stored digits. */
function phone(raw: string): string {
  return normalizePhoneNumber(raw) ?? raw.normalize('NFKC').trim();
}

export function toCallbackFilter(
  criteria: SearchCriteria,
  narrowing: Narrowing = {},
  timeZone: string,
): CallbackFilter {
  const filter: CallbackFilter = {
    keywords: splitKeywords(narrowing.keywords ?? criteria.q),
    columns: narrowing.columns ?? defaultCallbackColumns,
  };
  if (present(criteria.from)) filter.registeredFrom = lowerBound(criteria.from.trim(), timeZone);
  if (present(criteria.to)) filter.registeredBefore = upperBound(criteria.to.trim(), timeZone);
  if (present(criteria.callCenter)) filter.callCenter = criteria.callCenter.trim();
  if (present(criteria.businessLabel)) filter.businessLabel = criteria.businessLabel.trim();
  if (present(criteria.agent)) filter.agent = criteria.agent.trim() === '-' ? null : criteria.agent.trim();
  if (criteria.status) filter.status = criteria.status;
  if (present(criteria.callerNumber)) filter.callerNumber = phone(criteria.callerNumber);
  if (present(criteria.ourNumber)) filter.ourNumber = phone(criteria.ourNumber);
  if (present(criteria.requestId)) filter.requestId = criteria.requestId.trim();
  return filter;
}

/** A date-only or date-time period for statistics, with the same day semantics as the search. */
export function toPeriod(from: string | undefined, to: string | undefined, timeZone: string) {
  return {
    registeredFrom: present(from) ? lowerBound(from.trim(), timeZone) : undefined,
    registeredBefore: present(to) ? upperBound(to.trim(), timeZone) : undefined,
  };
}

/** Reference semantics of a filter over one row; the adapters must agree with it (see the contract suite). */
export function matchesFilter(view: CallbackView, text: CallbackMatchText, filter: CallbackFilter): boolean {
  if (filter.registeredFrom !== undefined && view.registeredAt < filter.registeredFrom) return false;
  if (filter.registeredBefore !== undefined && view.registeredAt >= filter.registeredBefore) return false;
  if (filter.callCenter !== undefined && view.callCenter !== filter.callCenter) return false;
  if (filter.businessLabel !== undefined && view.businessLabel !== filter.businessLabel) return false;
  if (filter.agent !== undefined && view.agent !== filter.agent) return false;
  if (filter.status !== undefined && view.status !== filter.status) return false;
  if (filter.callerNumber !== undefined && view.callerNumber !== filter.callerNumber) return false;
  if (filter.ourNumber !== undefined && view.ourNumber !== filter.ourNumber) return false;
  if (filter.requestId !== undefined && view.requestId !== filter.requestId) return false;
  return matchesKeywords(text, filter.keywords, filter.columns);
}
