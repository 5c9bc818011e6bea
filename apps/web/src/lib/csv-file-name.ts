import { displayDate } from './display-time';

export type CsvEncoding = 'utf-8' | 'shift_jis';

/** `折り返し呼履歴_20261201.csv` (Shift_JIS files say so, as people keep both side by side). */
export function csvFileName(now: Date, encoding: CsvEncoding, timeZone?: string): string {
  const date = displayDate(now, timeZone).replaceAll('-', '');
  return encoding === 'shift_jis' ? `折り返し呼履歴_${date}_sjis.csv` : `折り返し呼履歴_${date}.csv`;
}
