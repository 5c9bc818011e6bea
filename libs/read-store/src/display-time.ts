/**
 * Time as the screen shows it: instants are stored as UTC ISO-8601 and shown in the display time zone
 * (default Asia/Tokyo). Pure: the zone's rules come from Intl, no clock is read.
 */
export const defaultDisplayTimeZone = 'Asia/Tokyo';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: a misconfiguration should fail at start, not at query time.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Throws when the zone is not one Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** `YYYY-MM-DD HH:mm:ss` in the zone, as the list and the CSV show an instant. */
export function formatDisplayDateTime(iso: string, timeZone: string): string {
  const p = localParts(Date.parse(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** The calendar day `YYYY-MM-DD` of an instant in the zone (the `day` of statistics). */
export function displayDay(iso: string, timeZone: string): string {
  const p = localParts(Date.parse(iso), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Zone offset (local − UTC) in milliseconds at an instant, to the second. */
function offsetAt(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
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
