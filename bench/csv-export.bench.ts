import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CsvChildReport } from './server/csv-export-child.js';
import { callbackDataset } from './support/dataset.js';
import { type BenchResult, fmt, newResult, scaled } from './support/report.js';

const childScript = fileURLToPath(new URL('./server/csv-export-child.js', import.meta.url));

/** 5. CSV export of the whole callback view (the 1M rows of the search benchmark) vs raw csv-stringify. */
export async function csvExportBenchmark(): Promise<BenchResult> {
  const callbacks = scaled('BENCH_CALLBACKS', 1_000_000);
  const dataset = await callbackDataset(callbacks);
  const child = fork(childScript, [dataset.file], {
    execArgv: [
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = await new Promise<CsvChildReport>((resolve, reject) => {
    child.on('message', (message: CsvChildReport) => resolve(message));
    child.on('exit', (code) => reject(new Error(`CSV child exited with ${code}`)));
  });
  child.kill();

  const rate = (report.rows / report.exportMs) * 1000;
  const rawRate = (report.rawRows / report.rawMs) * 1000;
  const result = newResult('csv-export', `CSV export of ${report.rows.toLocaleString('en-US')} rows`);
  result.parameters = { callbacks, encoding: 'utf-8', timeZone: 'Asia/Tokyo', sink: 'null Writable (bytes counted)' };
  result.details = report;
  result.notes.push(
    'Export: readStore.stream({}) → callbacksCsv() → null sink, in a child process (RSS is the export process: Node, the app libraries, SQLite page cache).',
    'Raw: csv-stringify (same options) of the same cells pre-built as string arrays (building them is not timed).',
  );
  if (report.rows !== report.rawRows)
    result.notes.push(`row counts differ: export ${report.rows}, raw ${report.rawRows}`);
  result.rows.push(
    {
      benchmark: '5. CSV export',
      metric: `rows/s (${report.rows.toLocaleString('en-US')} rows, ${fmt.mb(report.bytes)})`,
      value: fmt.rate(rate, 'rows/s'),
      baseline: `${fmt.rate(rawRate, 'rows/s')} (raw csv-stringify)`,
      ratio: fmt.ratio(rate / rawRate),
      target: '≥ 0.5×',
      pass: rate / rawRate >= 0.5,
    },
    {
      benchmark: '5. CSV export',
      metric: 'peak RSS',
      value: fmt.mb(report.peakRss),
      baseline: `${fmt.mb(report.rssBefore)} before the export`,
      ratio: '–',
      target: '≤ 200 MB',
      pass: report.peakRss <= 200 * 2 ** 20,
    },
  );
  return result;
}
