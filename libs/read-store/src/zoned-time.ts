/**
 * Formats UTC instants as `YYYY-MM-DD HH:mm:ss` wall-clock time in a display time zone.
 *
 * Intl.DateTimeFormat#formatToParts costs a few microseconds per call, and an export formats two
 * timestamps per row for up to 1,000,000 rows. A zone's UTC offset is constant over almost every hour,
 * so the offset is asked from Intl once per UTC hour (checked at both ends of the hour) and the rest is
 * arithmetic. An hour that contains a transition keeps asking Intl for every instant in it, so DST
 * zones stay exact. Canonical stored instants (`toISOString()` shape) in zones with whole-hour offsets
 * skip even the arithmetic: the local `YYYY-MM-DD HH` of each UTC hour is cached and minutes and
 * seconds are copied from the text.
 */
const HOUR_MS = 3_600_000;
/** Bounded so a scan over decades of data cannot grow the cache without limit (~10 years of hours). */
const MAX_CACHED_HOURS = 90_000;
/** Marks an hour whose offset changes inside it. */
const MIXED = Number.NaN;

export class ZonedTimeFormatter {
  private readonly intl: Intl.DateTimeFormat;
  private readonly offsetByHour = new Map<number, number>();
  /** UTC `YYYY-MM-DDTHH` → local `YYYY-MM-DD HH`, or null when that hour needs the general path. */
  private readonly localHourByUtcHour = new Map<string, string | null>();

  /** @throws RangeError for an unknown time zone, so a bad configuration fails before any row is written. */
  constructor(readonly timeZone: string) {
    this.intl = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** `YYYY-MM-DD HH:mm:ss` for an ISO-8601 instant; `null` when the text is not a valid instant. */
  format(iso: string): string | null {
    if (isCanonicalUtc(iso)) {
      const localHour = this.localHour(iso.slice(0, 13));
      if (localHour !== null) return localHour + iso.slice(13, 19);
    }
    const epochMs = Date.parse(iso);
    if (Number.isNaN(epochMs)) return null;
    return formatUtcFields(new Date(epochMs + this.offsetAt(epochMs)));
  }

  formatDate(instant: Date): string {
    const epochMs = instant.getTime();
    return formatUtcFields(new Date(epochMs + this.offsetAt(epochMs)));
  }

  /** Offset (ms) to add to a UTC instant to get the zone's wall-clock time. */
  offsetAt(epochMs: number): number {
    const hour = Math.floor(epochMs / HOUR_MS);
    let offset = this.offsetByHour.get(hour);
    if (offset === undefined) {
      const atStart = this.intlOffset(hour * HOUR_MS);
      const atEnd = this.intlOffset(hour * HOUR_MS + HOUR_MS - 1000);
      offset = atStart === atEnd ? atStart : MIXED;
      if (this.offsetByHour.size >= MAX_CACHED_HOURS) this.offsetByHour.clear();
      this.offsetByHour.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.intlOffset(epochMs) : offset;
  }

  private localHour(utcHour: string): string | null {
    let localHour = this.localHourByUtcHour.get(utcHour);
    if (localHour === undefined) {
      const epochMs = Date.parse(`${utcHour}:00:00Z`);
      const offset = Number.isNaN(epochMs) ? MIXED : this.offsetAt(epochMs);
      const wholeHours =
        !Number.isNaN(offset) && offset % HOUR_MS === 0 && this.offsetAt(epochMs + HOUR_MS - 1) === offset;
      localHour = wholeHours ? formatUtcFields(new Date(epochMs + offset)).slice(0, 13) : null;
      if (this.localHourByUtcHour.size >= MAX_CACHED_HOURS) this.localHourByUtcHour.clear();
      this.localHourByUtcHour.set(utcHour, localHour);
    }
    return localHour;
  }

  private intlOffset(epochMs: number): number {
    const fields: Record<string, number> = {};
    for (const part of this.intl.formatToParts(epochMs)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wallClockAsUtc = Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour,
      fields.minute,
      fields.second,
    );
    // Intl drops milliseconds; compare against the instant truncated to whole seconds.
    return wallClockAsUtc - Math.floor(epochMs / 1000) * 1000;
  }
}

const formatters = new Map<string, ZonedTimeFormatter>();

/** One formatter (and offset cache) per time zone for the life of the process. */
export function zonedTimeFormatter(timeZone: string): ZonedTimeFormatter {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new ZonedTimeFormatter(timeZone);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DDTHH:mm:ss.sssZ`, as `Date#toISOString()` writes them. */
function isCanonicalUtc(iso: string): boolean {
  return (
    (iso.length === 24 || iso.length === 20) &&
    iso.charCodeAt(iso.length - 1) === 0x5a && // Z
    iso.charCodeAt(10) === 0x54 && // T
    iso.charCodeAt(13) === 0x3a && // :
    iso.charCodeAt(16) === 0x3a && // :
    isDigits(iso, 14) &&
    isDigits(iso, 17)
  );
}

/** Minutes and seconds are copied verbatim, so they must be two digits below 60. */
function isDigits(iso: string, at: number): boolean {
  const tens = iso.charCodeAt(at) - 0x30;
  const units = iso.charCodeAt(at + 1) - 0x30;
  return tens >= 0 && tens <= 5 && units >= 0 && units <= 9;
}

function formatUtcFields(d: Date): string {
  return (
    pad(d.getUTCFullYear(), 4) +
    '-' +
    pad(d.getUTCMonth() + 1, 2) +
    '-' +
    pad(d.getUTCDate(), 2) +
    ' ' +
    pad(d.getUTCHours(), 2) +
    ':' +
    pad(d.getUTCMinutes(), 2) +
    ':' +
    pad(d.getUTCSeconds(), 2)
  );
}

function pad(value: number, width: number): string {
  const text = String(value);
  return text.length >= width ? text : '0'.repeat(width - text.length) + text;
}

/** The instant as `YYYYMMDD_HHmmss` in the zone, for file names. */
export function fileNameStamp(instant: Date, timeZone: string): string {
  return zonedTimeFormatter(timeZone).formatDate(instant).replace(/-|:/g, '').replace(' ', '_');
}
