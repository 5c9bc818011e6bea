import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { commandsHttpBenchmark } from './commands-http.bench.js';
import { type BenchResult, machine, markdownTable, resultsDir, writeResult } from './support/report.js';

/**
 * `npm run bench`: every benchmark in sequence, each writing bench/results/<name>.json, then one markdown
 * table. BENCH_ONLY=commands,search,... runs a subset; BENCH_SCALE scales the data sizes.
 */
Logger.overrideLogger(false);

const benchmarks: { key: string; run: () => Promise<BenchResult | BenchResult[]> }[] = [
  { key: 'commands', run: () => commandsHttpBenchmark() },
];

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean);
const started = new Date();
const results: BenchResult[] = [];
for (const benchmark of benchmarks) {
  if (only.length > 0 && !only.includes(benchmark.key)) continue;
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

const table = markdownTable(results, started.toISOString());
writeFileSync(
  path.join(resultsDir, 'summary.json'),
  `${JSON.stringify({ date: started.toISOString(), machine: machine(), files: results.map((r) => `${r.name}.json`), table }, null, 2)}\n`,
);
process.stdout.write(`\n${table}\n`);
