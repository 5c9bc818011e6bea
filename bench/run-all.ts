import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { commandsHttpBenchmark } from './commands-http.bench.js';
import { rebuildBenchmark } from './rebuild.bench.js';
import { viewApplyBenchmark } from './view-apply.bench.js';
import { searchBenchmark } from './search.bench.js';
import { csvExportBenchmark } from './csv-export.bench.js';
import { retentionSweepBenchmark } from './retention-sweep.bench.js';
import { webBundleBenchmark } from './web-bundle-size.js';
import { recordingsZipBenchmark } from './recordings-zip.bench.js';
import { commandsOpenLoopBenchmark } from './commands-open-loop.bench.js';
import { peerEmmettBenchmark } from './peer-emmett.bench.js';
import { startupRssBenchmark } from './startup-rss.bench.js';
import { releaseDataset } from './support/dataset.js';
import { type BenchResult, machine, markdownTable, resultsDir, writeResult } from './support/report.js';

/**
 * `npm run bench`: every benchmark in sequence, each writing bench/results/<name>.json, then one markdown
 * table. BENCH_ONLY=commands,search,... runs a subset; BENCH_SCALE scales the data sizes.
 */
Logger.overrideLogger(false);

const benchmarks: { key: string; run: () => Promise<BenchResult | BenchResult[]> }[] = [
  { key: 'commands', run: () => commandsHttpBenchmark() },
  { key: 'view-apply', run: () => viewApplyBenchmark() },
  { key: 'rebuild', run: () => rebuildBenchmark() },
  { key: 'search', run: () => searchBenchmark() },
  { key: 'csv', run: () => csvExportBenchmark() },
  { key: 'sweep', run: () => retentionSweepBenchmark() },
  { key: 'bundle', run: async () => webBundleBenchmark() },
  { key: 'recordings', run: () => recordingsZipBenchmark() },
  { key: 'open-loop', run: () => commandsOpenLoopBenchmark() },
  { key: 'peer', run: () => peerEmmettBenchmark() },
  { key: 'rss', run: () => startupRssBenchmark() },
];

// The production family (EventStoreDB / MongoDB) runs the benchmarks whose baseline is not SQLite itself.
const production = Boolean(process.env.EVENTSTORE_URL || process.env.MONGO_URL);
if (production) {
  benchmarks.push(
    { key: 'commands-production', run: () => commandsHttpBenchmark(true) },
    { key: 'sweep-production', run: () => retentionSweepBenchmark(true) },
  );
}

/**
 * Writes the page cache's dirty pages out before each benchmark: the search dataset (1M callbacks) and the
 * recordings (1 GB of files) left gigabytes to write back, and the kernel did it during the next benchmark
 * (a full run measured CSV at 0.25× and the open loop's no-op p99 at 5.8 ms; alone, 0.52× and 2.7 ms).
 */
function settleDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No `sync` here (not a Unix system): the benchmarks run as before.
  }
}

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean);
const started = new Date();
const results: BenchResult[] = [];
for (const benchmark of benchmarks) {
  if (only.length > 0 && !only.includes(benchmark.key)) continue;
  settleDisk();
  const t0 = performance.now();
  process.stdout.write(`▶ ${benchmark.key} …\n`);
  const produced = await benchmark.run();
  for (const result of Array.isArray(produced) ? produced : [produced]) {
    const file = writeResult(result);
    results.push(result);
    process.stdout.write(`  wrote ${path.relative(process.cwd(), file)}\n`);
  }
  process.stdout.write(`  ${benchmark.key} took ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

releaseDataset();
const table = markdownTable(results, started.toISOString());
const familyNote = production
  ? 'Production family: commands, projection lag and retention sweep also ran on EVENTSTORE_URL / MONGO_URL (rows marked -production); rebuild, search and CSV compare against raw SQLite and ran on the embedded family only.'
  : 'Production family (EventStoreDB / MongoDB): NOT RUN — EVENTSTORE_URL / MONGO_URL are not set.';
writeFileSync(
  path.join(resultsDir, 'summary.json'),
  `${JSON.stringify({ date: started.toISOString(), machine: machine(), files: results.map((r) => `${r.name}.json`), familyNote, table }, null, 2)}\n`,
);
process.stdout.write(`\n${table}\n\n${familyNote}\n`);
