import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where each benchmark leaves its JSON (git-ignored `*.json`). */
export const resultsDir = path.resolve(process.cwd(), 'bench/results');

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  os: string;
  node: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** One line of the final table: a measured value against its baseline and target. */
export interface BenchRow {
  benchmark: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  /** null: informational, no target. */
  pass: boolean | null;
}

export interface BenchResult {
  name: string;
  title: string;
  date: string;
  machine: Machine;
  family: string;
  parameters: Record<string, unknown>;
  rows: BenchRow[];
  details: unknown;
  notes: string[];
}

export function newResult(name: string, title: string, family = 'embedded (SQLite)'): BenchResult {
  return {
    name,
    title,
    date: new Date().toISOString(),
    machine: machine(),
    family,
    parameters: {},
    rows: [],
    details: {},
    notes: [],
  };
}

export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(result, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value), 2)}\n`,
  );
  return file;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

export const fmt = {
  ms: (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a'),
  rate: (value: number, unit: string) => `${Math.round(value).toLocaleString('en-US')} ${unit}`,
  ratio: (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a'),
  mb: (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`,
};

/** The final table (GitHub markdown), machine and date on top so a pasted table says where it came from. */
export function markdownTable(results: readonly BenchResult[], date: string): string {
  const m = machine();
  const lines = [
    `Machine: ${m.cpuModel} × ${m.cpuCount}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node} — ${date}`,
    '',
    '| benchmark | metric | value | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    for (const row of result.rows) {
      const verdict = row.pass === null ? '–' : row.pass ? 'pass' : '**miss**';
      lines.push(
        `| ${row.benchmark} | ${row.metric} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} | ${verdict} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Samples RSS every `intervalMs` until stopped; returns the peak. */
export function rssSampler(intervalMs = 20) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
  };
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** BENCH_SCALE multiplies every data size (default 1 = sized for ~20 minutes on a 2-core machine). */
export function scaled(name: string, base: number): number {
  return Math.max(1, Math.round(envNumber(name, base * envNumber('BENCH_SCALE', 1))));
}
