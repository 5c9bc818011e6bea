import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { type CallbackView, zonedTimeFormatter } from '#read-store';
import { CALLBACK_CSV_HEADERS, callbackCsvRecord, guardFormula } from './callbacks-csv.js';

export interface RecordingIndexRow {
  /** The recording's file name inside the ZIP. */
  fileName: string;
  callback: CallbackView;
}

/**
 * `index.csv` of a bulk recording download: the file name, then the callback's columns exactly as the
 * callback CSV writes them (UTF-8 with BOM, Japanese headers, CRLF, formula guard, phone numbers as text).
 */
export function recordingsIndexCsv(rows: Iterable<RecordingIndexRow>, timeZone: string): Readable {
  const time = zonedTimeFormatter(timeZone);
  function* records(): Generator<string[]> {
    yield ['ファイル名', ...CALLBACK_CSV_HEADERS];
    for (const row of rows) yield [guardFormula(row.fileName), ...callbackCsvRecord(row.callback, time)];
  }
  const stringifier = stringify({ bom: true, record_delimiter: '\r\n', quote_record_delimiter: true });
  return pipeline(Readable.from(records(), { objectMode: true }), stringifier, () => undefined);
}
