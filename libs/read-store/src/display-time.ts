// One formatter per zone for the whole process (list, statistics, CSV, mails): `zoned-time.ts`.
import { zonedTimeFormatter } from './zoned-time.js';

/**
 * Time as the screen shows it: instants are stored as UTC ISO-8601 and shown in the display time zone
 * (default Asia/Tokyo). Pure: the zone's rules come from Intl, no clock is read.
 */
export const defaultDisplayTimeZone = 'Asia/Tokyo';

/** Throws when the zone is not one Intl knows. */
export function assertTimeZone(timeZone: string): void {
  zonedTimeFormatter(timeZone);
}

/** `YYYY-MM-DD HH:mm:ss` in the zone, as the list and the CSV show an instant. */
export function formatDisplayDateTime(iso: string, timeZone: string): string {
  const formatted = zonedTimeFormatter(timeZone).format(iso);
  if (formatted === null) throw new RangeError(`not an instant: ${iso}`);
  return formatted;
}

/** The calendar day `YYYY-MM-DD` of an instant in the zone (the `day` of statistics). */
export function displayDay(iso: string, timeZone: string): string {
  return formatDisplayDateTime(iso, timeZone).slice(0, 10);
}

/** Zone offset (local − UTC) in milliseconds at an instant, to the second. */
function offsetAt(instantMs: number, timeZone: string): number {
  return zonedTimeFormatter(timeZone).offsetAt(instantMs);
}

/** The instant a calendar day `YYYY-MM-DD` starts in the zone, in epoch milliseconds. */
export function startOfDisplayDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const localMidnightAsUtc = Date.UTC(year, month - 1, day);
  let start = localMidnightAsUtc - offsetAt(localMidnightAsUtc, timeZone);
  // Around a DST change the offset at the guessed instant can differ from the one at the real start.
  const corrected = offsetAt(start, timeZone);
  if (localMidnightAsUtc - corrected !== start) start = localMidnightAsUtc - corrected;
  return start;
}

/** The day after `YYYY-MM-DD` (calendar arithmetic, zone-free). */
export function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
