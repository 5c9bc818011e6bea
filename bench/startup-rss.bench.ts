import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateToken } from '#runtime';
import { agents, callCenters } from './support/callback-data.js';
import { callbackDataDir } from './support/dataset.js';
import { processTreeUsage } from './support/process-tree.js';
import { dayMs } from './support/read-store-seed.js';
import { type BenchResult, envNumber, fmt, newResult, scaled } from './support/report.js';

/** `npm start` without the build step: the all-in-one process as operators run it. */
const mainScript = fileURLToPath(new URL('../apps/all-in-one/src/main.js', import.meta.url));

interface StartupRun {
  /** Spawn → first 200 from GET /health. */
  startupMs: number;
  /** Healthy → the process tree's CPU use fell below 10 % of a core over 2 s (or the cap was reached). */
  settleMs: number;
  settled: boolean;
  peakRss: number;
  rssAfterSearches: number;
  processes: number;
  searches: { query: string; status: number; ms: number }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a user does first: a few list searches over the last months, and the statistics. */
function searches(): string[] {
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * dayMs + 9 * 3600_000).toISOString().slice(0, 10);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return [
    `/callbacks?${q({ from: day(100), to: day(100) })}`,
    `/callbacks?${q({ agent: agents[7] })}`,
    `/callbacks?${q({ from: day(129), to: day(100), callCenter: callCenters[4], status: 'incomplete', agent: '-' })}`,
    `/callbacks?${q({ from: day(106), to: day(100), callCenter: callCenters[1], q: 'ター01' })}`,
    `/callbacks?${q({ q: '０９０１２３' })}`,
    `/stats/callbacks?${q({ from: day(130), to: day(100), groupBy: 'callCenter' })}`,
  ];
}

/** Starts the all-in-one on `dataDir`, times it to healthy, lets it settle, searches, and stops it. */
async function measureStartup(dataDir: string, settleCapSeconds: number): Promise<StartupRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = generateToken();
  // Only what the embedded family needs: no EVENTSTORE_URL / MONGO_URL / REDIS_URL from the bench's env.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ADMIN_TOKEN: token,
    ADMIN_PASSWORD: generateToken(),
  };
  let peakRss = 0;
  let processes = 1;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [mainScript], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const sample = () => {
    const usage = child.pid === undefined ? null : processTreeUsage(child.pid);
    if (usage) {
      peakRss = Math.max(peakRss, usage.rssBytes);
      processes = Math.max(processes, usage.processes);
    }
    return usage;
  };
  const sampler = setInterval(sample, 100);
  try {
    let startupMs = 0;
    for (;;) {
      if (exited !== null) throw new Error(`the all-in-one exited with ${exited} before it was healthy`);
      if (performance.now() - started > 180_000) throw new Error('the all-in-one was not healthy within 180 s');
      const ok = await fetch(`${url}/health`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ok) {
        startupMs = performance.now() - started;
        break;
      }
      await sleep(20);
    }

    // Settled: under 10 % of one core over 2 s. Catch-up work started at boot (replays, sweeps) ends first.
    const healthyAt = performance.now();
    let settled = false;
    let before = sample();
    while (performance.now() - healthyAt < settleCapSeconds * 1000) {
      await sleep(2000);
      const now = sample();
      if (before && now && now.cpuMs - before.cpuMs < 200) {
        settled = true;
        break;
      }
      before = now;
    }
    const settleMs = performance.now() - healthyAt;

    const done: StartupRun['searches'] = [];
    for (const query of searches()) {
      const t0 = performance.now();
      const response = await fetch(`${url}${query}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      done.push({ query, status: response.status, ms: performance.now() - t0 });
    }
    const rssAfterSearches = sample()?.rssBytes ?? Number.NaN;
    return { startupMs, settleMs, settled, peakRss, rssAfterSearches, processes, searches: done };
  } finally {
    clearInterval(sampler);
    if (exited === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

/**
 * 10. The all-in-one process (`npm start`) on a data dir holding 1M callbacks (events, keys and every view,
 * all projections at the head): time from spawn to a healthy `/health`, and the RSS of its process tree
 * from start through the first searches. Baseline: the same on an empty data dir.
 */
export async function startupRssBenchmark(): Promise<BenchResult> {
  const callbacks = scaled('BENCH_CALLBACKS', 1_000_000);
  const settleCapSeconds = envNumber('BENCH_RSS_SETTLE_SECONDS', 120);
  const dataset = await callbackDataDir(callbacks);
  // On a copy: the start-up sweep deletes the callbacks past retention, and the shared dataset must stay whole.
  const copy = mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-bench-startup-'));
  const empty = mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-bench-startup-empty-'));
  try {
    const copyStarted = performance.now();
    cpSync(dataset.dataDir, copy, { recursive: true, filter: (source) => !source.endsWith('bench-dataset.json') });
    const copyMs = performance.now() - copyStarted;
    const baseline = await measureStartup(empty, settleCapSeconds);
    const loaded = await measureStartup(copy, settleCapSeconds);

    const result = newResult('startup-rss', `The all-in-one process on ${callbacks.toLocaleString('en-US')} callbacks`);
    result.parameters = { callbacks, events: dataset.events, settleCapSeconds, seedMs: dataset.seedMs, copyMs };
    result.details = { loaded, emptyDataDir: baseline };
    result.notes.push(
      'dist/apps/all-in-one/src/main.js (what `npm start` runs after building) spawned on a copy of the dataset dir (the files are in the OS page cache after the copy: a warm start).',
      'Start-up = spawn → first 200 from GET /health (polled every 20 ms). RSS = sum over the process and its child processes (worker threads are inside it), sampled every 100 ms from spawn until after the searches; the value is the peak.',
      `After healthy the bench waits until the process tree uses < 10 % of a core over 2 s (at most ${settleCapSeconds} s): work started at boot (the in-process queue's dispatch replay, the retention sweep) is in the peak. Settled after ${(loaded.settleMs / 1000).toFixed(1)} s${loaded.settled ? '' : ' (cap reached, still busy)'}.`,
    );
    const failed = loaded.searches.filter((search) => search.status >= 500 || search.status === 0);
    if (failed.length > 0) result.notes.push(`searches that failed: ${JSON.stringify(failed)}`);
    const label = `10. all-in-one, ${callbacks.toLocaleString('en-US')} callbacks`;
    result.rows.push(
      {
        benchmark: label,
        metric: `peak RSS, start → settled → ${loaded.searches.length} searches`,
        value: fmt.mb(loaded.peakRss),
        baseline: `${fmt.mb(baseline.peakRss)} (empty data dir)`,
        ratio: fmt.ratio(loaded.peakRss / baseline.peakRss),
        target: '≤ 400 MB',
        pass: loaded.peakRss <= 400 * 2 ** 20,
      },
      {
        benchmark: label,
        metric: 'start-up to healthy /health',
        value: `${(loaded.startupMs / 1000).toFixed(2)} s`,
        baseline: `${(baseline.startupMs / 1000).toFixed(2)} s (empty data dir)`,
        ratio: fmt.ratio(loaded.startupMs / baseline.startupMs),
        target: '≤ 5 s',
        pass: loaded.startupMs <= 5000,
      },
    );
    return result;
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}
