import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import Database from 'better-sqlite3';
import { CALLBACK_CSV_HEADERS, callbackCsvRecord, callbacksCsv } from '#infra';
import { type CallbackView, createSqliteReadStore, zonedTimeFormatter } from '#read-store';
import { gc, rssSampler } from '../support/report.js';

/**
 * 5. CSV export, in its own process so the peak RSS is the export's alone:
 * `readStore.stream` → `callbacksCsv` → a null sink, then raw csv-stringify of the same rows pre-built as arrays.
 */
export interface CsvChildReport {
  rows: number;
  bytes: number;
  exportMs: number;
  rssBefore: number;
  peakRss: number;
  warmupRows: number;
  rawRows: number;
  rawBytes: number;
  rawMs: number;
  rawBuildMs: number;
  rawPeakRss: number;
}

const timeZone = 'Asia/Tokyo';
const file = process.argv[2];

function nullSink(counter: { bytes: number }) {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done();
    },
  });
}

async function exportCsv(limitDay?: string): Promise<{ rows: number; bytes: number; ms: number }> {
  const readStore = createSqliteReadStore({ filename: file, displayTimeZone: timeZone });
  let rows = 0;
  async function* counted() {
    for await (const view of readStore.ports.callbackSearch.stream(limitDay ? { from: limitDay, to: limitDay } : {})) {
      rows++;
      yield view;
    }
  }
  const counter = { bytes: 0 };
  const started = performance.now();
  await pipeline(callbacksCsv(counted(), { timeZone }), nullSink(counter));
  const ms = performance.now() - started;
  await readStore.close();
  return { rows, bytes: counter.bytes, ms };
}

async function main() {
  // Warm-up (JIT) on one day's rows; not timed.
  const warm = await exportCsv(new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10));
  gc();
  const rssBefore = process.memoryUsage().rss;
  const sampler = rssSampler(10);
  const timed = await exportCsv();
  const peakRss = sampler.stop();

  // Raw: the same cells, pre-built as plain arrays (not timed), then csv-stringify alone.
  const buildStarted = performance.now();
  const db = new Database(file, { readonly: true });
  const generation = (db.prepare("SELECT value FROM meta WHERE key = 'active'").get() as { value: string }).value;
  const time = zonedTimeFormatter(timeZone);
  const records: string[][] = [[...CALLBACK_CSV_HEADERS]];
  for (const row of db
    .prepare(`SELECT view FROM callbacks_g${generation} ORDER BY registered_at DESC, id DESC`)
    .iterate() as Iterable<{ view: string }>) {
    records.push(callbackCsvRecord(JSON.parse(row.view) as CallbackView, time));
  }
  db.close();
  const rawBuildMs = performance.now() - buildStarted;
  const stringifyOptions = { bom: true, record_delimiter: '\r\n', quote_record_delimiter: true };
  // Warm-up of csv-stringify on a slice; not timed.
  await pipeline(Readable.from(records.slice(0, 20_000)), stringify(stringifyOptions), nullSink({ bytes: 0 }));
  gc();
  const rawSampler = rssSampler(10);
  const rawCounter = { bytes: 0 };
  const rawStarted = performance.now();
  await pipeline(Readable.from(records), stringify(stringifyOptions), nullSink(rawCounter));
  const rawMs = performance.now() - rawStarted;
  const rawPeakRss = rawSampler.stop();

  const report: CsvChildReport = {
    rows: timed.rows,
    bytes: timed.bytes,
    exportMs: timed.ms,
    rssBefore,
    peakRss,
    warmupRows: warm.rows,
    rawRows: records.length - 1,
    rawBytes: rawCounter.bytes,
    rawMs,
    rawBuildMs,
    rawPeakRss,
  };
  process.send?.(report);
}

await main();
