import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RecordingsZipChildReport } from './server/recordings-zip-child.js';
import { type BenchResult, fmt, newResult, scaled } from './support/report.js';

const childScript = fileURLToPath(new URL('./server/recordings-zip-child.js', import.meta.url));

/** 7. 録音一括ダウンロード: RSS growth of the all-in-one process while it streams 200 × 5 MiB as one ZIP. */
export async function recordingsZipBenchmark(): Promise<BenchResult> {
  const recordings = scaled('BENCH_RECORDINGS', 200);
  const size = 5 * 2 ** 20;
  const child = fork(childScript, [String(recordings), String(size)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const report = await new Promise<RecordingsZipChildReport>((resolve, reject) => {
    child.on('message', (message: RecordingsZipChildReport) => resolve(message));
    child.on('exit', (code) => reject(new Error(`recordings child exited with ${code}`)));
  });
  child.kill();

  const growth = report.peakRss - report.rssBefore;
  const result = newResult('recordings-zip', `Bulk recording download of ${recordings} × 5 MiB`);
  result.parameters = {
    recordings,
    bytesEach: size,
    store: '<DATA_DIR>/recordings',
    client: 'fetch in the same process, bytes counted',
  };
  result.details = report;
  result.notes.push(
    'Uploaded over HTTP and registered first (not timed in the RSS figure); then GET /recordings/bulk read to the end in the same process, RSS sampled every 10 ms.',
  );
  if (report.zipBytes < report.recordingBytes)
    result.notes.push('the ZIP is smaller than the audio: something was left out');
  result.rows.push(
    {
      benchmark: '7. Recordings ZIP',
      metric: `RSS growth while streaming ${fmt.mb(report.zipBytes)}`,
      value: fmt.mb(growth),
      baseline: `${fmt.mb(report.rssBefore)} before the download`,
      ratio: '–',
      target: '< 50 MB',
      pass: growth < 50 * 2 ** 20,
    },
    {
      benchmark: '7. Recordings ZIP',
      metric: 'download throughput',
      value: `${fmt.mb((report.zipBytes / report.downloadMs) * 1000)}/s`,
      baseline: '–',
      ratio: '–',
      target: '–',
      pass: null,
    },
  );
  return result;
}
