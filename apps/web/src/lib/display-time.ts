/** Times are stored in UTC and shown in the display time zone (Asia/Tokyo unless the server says otherwise). */
export const defaultTimeZone = 'Asia/Tokyo';

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(date: Date, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
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
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: parts.year.padStart(4, '0'),
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** `YYYY/MM/DD HH:mm:ss` in the display zone, whatever the browser's zone; '' for a missing time. */
export function formatDisplayTime(iso: string | null | undefined, timeZone = defaultTimeZone): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const t = wallClock(date, timeZone);
  return `${t.year}/${t.month}/${t.day} ${t.hour}:${t.minute}:${t.second}`;
}

/** `YYYY-MM-DD` of an instant in the display zone (file names, date inputs). */
export function displayDate(date: Date, timeZone = defaultTimeZone): string {
  const t = wallClock(date, timeZone);
  return `${t.year}-${t.month}-${t.day}`;
}

/** Minutes east of UTC of the zone at that instant. */
function offsetMinutes(date: Date, timeZone: string): number {
  const t = wallClock(date, timeZone);
  const asUtc = Date.UTC(+t.year, +t.month - 1, +t.day, +t.hour, +t.minute, +t.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value read as wall-clock time in the display zone → ISO-8601 with that zone's offset.
 * `endOfMinute` makes an upper bound include the whole minute the user picked.
 */
export function localInputToIso(local: string, timeZone = defaultTimeZone, endOfMinute = false): string | null {
  const match = localPattern.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const second = s ?? (endOfMinute ? '59' : '00');
  const guess = Date.UTC(+y, +mo - 1, +d, +h, +mi, +second);
  // The offset at the guessed instant, then again at the corrected one (right across DST changes).
  let offset = offsetMinutes(new Date(guess), timeZone);
  offset = offsetMinutes(new Date(guess - offset * 60_000), timeZone);
  return `${y}-${mo}-${d}T${h}:${mi}:${second}${formatOffset(offset)}`;
}

/** An ISO time (or a date-only value) → the `datetime-local` value showing it in the display zone. */
export function isoToLocalInput(iso: string | undefined, timeZone = defaultTimeZone): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `${iso}T00:00`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const t = wallClock(date, timeZone);
  return `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}`;
}
