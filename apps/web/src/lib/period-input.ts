/**
 * The period fields are typed text in Japanese order, `YYYY/MM/DD HH:mm`, whatever the browser's locale
 * (a `datetime-local` input shows the browser's own order, e.g. MM/DD/YYYY in en-US). Values travel as the
 * `YYYY-MM-DDTHH:mm` wall-clock form that `localInputToIso` reads in the display zone.
 */
const textPattern = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?$/;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const two = (value: string) => value.padStart(2, '0');

/** `2026-12-01T09:30` → `2026/12/01 09:30`; '' stays ''. */
export function localToPeriodText(local: string): string {
  const match = localPattern.exec(local);
  if (!match) return '';
  const [, y, mo, d, h, mi] = match;
  return `${y}/${mo}/${d} ${h}:${mi}`;
}

/**
 * What the user typed → the wall-clock value; '' for an empty field, null for text that is not a date.
 * Full-width digits and separators count as half-width. A date without a time means the whole day: its
 * first minute for the start, its last for the end.
 */
export function periodTextToLocal(text: string, bound: 'start' | 'end'): string | null {
  const folded = text.normalize('NFKC').trim();
  if (folded === '') return '';
  const match = textPattern.exec(folded);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match;
  const month = Number(mo);
  const day = Number(d);
  const lastDay = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > lastDay) return null;
  const time = h === undefined ? (bound === 'start' ? '00:00' : '23:59') : `${two(h)}:${mi}`;
  if (Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59) return null;
  return `${y}-${two(mo)}-${two(d)}T${time}`;
}
