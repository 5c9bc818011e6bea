import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CsvEncoding } from '#domain';
import { shiftJisEncoder, shiftJisRoundTrip } from './shift-jis.js';
import { type CallbackView, fileNameStamp, zonedTimeFormatter, type ZonedTimeFormatter } from '#read-store';

/** Column headers in the order of the search screen (product.md §1). */
export const CALLBACK_CSV_HEADERS = [
  'ID',
  '登録日時',
  '着信日時',
  '担当者',
  '対応状況',
  'コールセンター名',
  '業務ラベル名',
  '相手の番号',
  'こちらの番号',
  'リクエストID',
  '録音',
  'メモ',
] as const;

export interface CallbacksCsvOptions {
  /** `utf-8` (default) is written with a BOM so Excel detects it; `shift_jis` is CP932 without BOM. */
  encoding?: CsvEncoding;
  /** IANA zone for the times, e.g. `Asia/Tokyo`. */
  timeZone: string;
}

const STATUS_LABELS: Record<CallbackView['status'], string> = { incomplete: '未完了', complete: '完了' };

/**
 * Cells Excel/LibreOffice would evaluate as a formula (CSV injection, OWASP) start with = + - @ tab or CR.
 * A first character is guarded when it is one of those once compatibility-folded (NFKC: the full-width
 * ＝ ＋ － ＠ that Japanese IMEs produce and Excel converts, the small and superscript forms), or when
 * the Shift_JIS file turns it into such a character (U+2212 MINUS SIGN is written as CP932's －). The
 * second rule asks iconv-lite's encoder itself, so a mapping nobody listed by hand is covered too.
 * Such a cell gets a leading apostrophe, which spreadsheets show as text.
 */
const ASCII_FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const formulaTriggerMemo = new Map<string, boolean>();

const foldsToTrigger = (form: string) => ASCII_FORMULA_TRIGGERS.has(form.normalize('NFKC').charAt(0));

function startsFormula(first: string): boolean {
  if (first.length === 0) return false;
  if (first.charCodeAt(0) < 0x80) return ASCII_FORMULA_TRIGGERS.has(first);
  let triggers = formulaTriggerMemo.get(first);
  if (triggers === undefined) {
    triggers = foldsToTrigger(first) || foldsToTrigger(shiftJisRoundTrip(first));
    formulaTriggerMemo.set(first, triggers);
  }
  return triggers;
}

/** Phone numbers are stored normalised (digits, optional leading '+'); only those get the text form. */
const NORMALISED_PHONE = /^\+?\d{1,20}$/;

export function guardFormula(text: string | null): string {
  if (text === null || text.length === 0) return '';
  return startsFormula(String.fromCodePoint(text.codePointAt(0)!)) ? `'${text}` : text;
}

/**
 * A spreadsheet reads `09012345678` as the number 9012345678 and `+81…` as a formula or a number, losing
 * the leading 0 or +. A normalised number is written as the text formula `="09012345678"`, which Excel,
 * LibreOffice and Google Sheets show as the digits exactly (docs/decisions.md). It cannot carry an
 * injection: only digits and a leading + ever reach it. Anything else is free text, guard included.
 */
function phoneCell(phone: string | null): string {
  if (phone === null) return '';
  return NORMALISED_PHONE.test(phone) ? `="${phone}"` : guardFormula(phone);
}

function timeCell(time: ZonedTimeFormatter, iso: string | null): string {
  if (iso === null) return '';
  // An unparsable stored time is shown raw rather than dropped, so the row still tells the truth.
  return time.format(iso) ?? guardFormula(iso);
}

export function callbackCsvRecord(callback: CallbackView, time: ZonedTimeFormatter): string[] {
  return [
    guardFormula(callback.id),
    timeCell(time, callback.registeredAt),
    timeCell(time, callback.receivedAt),
    guardFormula(callback.agent),
    STATUS_LABELS[callback.status],
    guardFormula(callback.callCenter),
    guardFormula(callback.businessLabel),
    phoneCell(callback.callerNumber),
    phoneCell(callback.ourNumber),
    guardFormula(callback.requestId),
    guardFormula(callback.recording),
    guardFormula(callback.memo),
  ];
}

async function* csvRecords(rows: AsyncIterable<CallbackView>, time: ZonedTimeFormatter): AsyncGenerator<string[]> {
  yield [...CALLBACK_CSV_HEADERS];
  for await (const callback of rows) yield callbackCsvRecord(callback, time);
}

/**
 * The callbacks as a CSV byte stream: header row, CRLF line endings (Excel), UTF-8 with BOM or
 * Shift_JIS. Rows are pulled from `rows` only as fast as the consumer reads (stream back-pressure),
 * so memory stays constant however many rows there are. An error in `rows` destroys the returned
 * stream with that error; destroying the returned stream stops `rows` (its iterator's `return()`).
 *
 * @throws RangeError at once for an unknown time zone.
 */
export function callbacksCsv(rows: AsyncIterable<CallbackView>, options: CallbacksCsvOptions): Readable {
  const time = zonedTimeFormatter(options.timeZone);
  const encoding = options.encoding ?? 'utf-8';
  const stringifier = stringify({
    bom: encoding === 'utf-8',
    record_delimiter: '\r\n',
    // With a custom record delimiter csv-stringify quotes only cells holding that whole delimiter;
    // a lone LF or CR in a memo must be quoted too or the row would break in two.
    quote_record_delimiter: true,
  });
  const source = Readable.from(csvRecords(rows, time), { objectMode: true });
  // pipeline() destroys every stage with the first error, so the consumer sees it on the last one.
  const ignore = () => undefined;
  if (encoding === 'utf-8') return pipeline(source, stringifier, ignore);
  return pipeline(source, stringifier, shiftJisEncoder(), ignore);
}

/** `text/csv` with the charset a browser or HTTP client needs to read the bytes. */
export function csvContentType(encoding: CsvEncoding = 'utf-8'): string {
  return encoding === 'shift_jis' ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=utf-8';
}

export interface CsvFileNameOptions {
  /** What the file holds; becomes the name's first part. Default `callbacks`. */
  kind?: string;
  /** When the export was made; shown in the display time zone. */
  at: Date;
  timeZone: string;
  encoding?: CsvEncoding;
}

/**
 * An ASCII-only download name such as `callbacks_20250102_150405.csv` (`_sjis` before the extension
 * for Shift_JIS), so Content-Disposition needs no RFC 5987 encoding and no file system chokes on it.
 */
export function csvFileName(options: CsvFileNameOptions): string {
  const kind = (options.kind ?? 'callbacks').replace(/[^A-Za-z0-9-]+/g, '-') || 'callbacks';
  const stamp = fileNameStamp(options.at, options.timeZone);
  return `${kind}_${stamp}${options.encoding === 'shift_jis' ? '_sjis' : ''}.csv`;
}
