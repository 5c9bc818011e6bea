import { mixedCommandRequests, runLoad } from './support/command-load.js';
import { type BenchResult, envNumber, fmt, newResult, percentile, scaled } from './support/report.js';
import { ServerProcess } from './support/server-process.js';

/**
 * 6. Retention sweep of backfilled callbacks (registered 40 days ago) while commands run at a steady rate:
 * sweep time, and command p99 while the sweep runs vs while idle. The sweep is triggered as an administrator
 * would: PUT /settings { retentionDays: 30 }.
 */
export async function retentionSweepBenchmark(productionFamily = false): Promise<BenchResult> {
  const expiredCallbacks = scaled('BENCH_EXPIRED_CALLBACKS', 100_000);
  const liveCallbacks = scaled('BENCH_LIVE_CALLBACKS', 20_000);
  const rate = envNumber('BENCH_SWEEP_RATE', 200);
  const connections = envNumber('BENCH_SWEEP_CONNECTIONS', 16);
  const idleSeconds = envNumber('BENCH_SWEEP_IDLE_SECONDS', 10);
  const suffix = productionFamily ? '-production' : '';
  const server = await ServerProcess.start({ liveCallbacks, expiredCallbacks, productionFamily });
  try {
    const load = (tag: string, seconds: number, until?: Promise<unknown>) =>
      runLoad({
        url: server.url,
        token: server.adminToken,
        connections,
        seconds,
        overallRate: rate,
        requests: mixedCommandRequests('', liveCallbacks, `${tag}-${Date.now()}`),
        // Long enough that a request held up by the sweep reports its real latency instead of a timeout.
        timeoutSeconds: 600,
        until,
      });
    await load('sweep-warm', 3);
    const idle = await load('sweep-idle', idleSeconds);

    const sweepDone = server.nextSweep(30 * 60 * 1000);
    const during = load('sweep-during', 30 * 60, sweepDone);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const triggeredAt = Date.now();
    const response = await fetch(`${server.url}/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ retentionDays: 30 }),
    });
    if (!response.ok) throw new Error(`PUT /settings answered ${response.status}: ${await response.text()}`);
    const settingsAnsweredMs = Date.now() - triggeredAt;
    const sweep = await sweepDone;
    const loaded = await during;

    const overlapping = loaded.samples.filter(
      (s) => s.sentAt <= sweep.finishedAt && s.sentAt + s.latency >= sweep.startedAt,
    );
    const idleP99 = percentile(
      idle.samples.map((s) => s.latency),
      99,
    );
    const duringP99 = percentile(
      overlapping.map((s) => s.latency),
      99,
    );
    const sweepMs = sweep.finishedAt - sweep.startedAt;
    const failures = loaded.result.non2xx + loaded.result.errors + loaded.result.timeouts;

    const result = newResult(`retention-sweep${suffix}`, 'Retention sweep while commands run', server.ready.family);
    result.parameters = { expiredCallbacks, liveCallbacks, rate, connections, idleSeconds };
    result.details = {
      sweep,
      sweepMs,
      deletedPerSecond: (sweep.deleted / sweepMs) * 1000,
      settingsAnsweredMs,
      triggerToSweepStartMs: sweep.startedAt - triggeredAt,
      idle: {
        requests: idle.samples.length,
        p50: percentile(
          idle.samples.map((s) => s.latency),
          50,
        ),
        p99: idleP99,
      },
      during: {
        requests: overlapping.length,
        p50: percentile(
          overlapping.map((s) => s.latency),
          50,
        ),
        p99: duringP99,
        max: Math.max(...overlapping.map((s) => s.latency)),
      },
      nonSuccess: { non2xx: loaded.result.non2xx, errors: loaded.result.errors, timeouts: loaded.result.timeouts },
      seedMs: server.ready.seedMs,
      catchUpMs: server.ready.catchUpMs,
    };
    result.notes.push(
      `Commands at a fixed ${rate} req/s over ${connections} connections (autocannon overallRate); "during" = requests in flight at any time between the sweep's start and end.`,
    );
    result.rows.push(
      {
        benchmark: `6. retention sweep${suffix}`,
        metric: `sweep time (${sweep.deleted.toLocaleString('en-US')} callbacks)`,
        value: `${(sweepMs / 1000).toFixed(1)} s`,
        baseline: fmt.rate((sweep.deleted / sweepMs) * 1000, 'callbacks/s'),
        ratio: '–',
        target: '–',
        pass: null,
      },
      {
        benchmark: `6. retention sweep${suffix}`,
        metric: `command p99 during the sweep (${rate} req/s)`,
        value: fmt.ms(duringP99),
        baseline: `${fmt.ms(idleP99)} (idle)`,
        ratio: fmt.ratio(duringP99 / idleP99),
        target: '≤ 2× idle',
        pass: duringP99 <= 2 * idleP99 && failures === 0,
      },
    );
    if (failures > 0)
      result.notes.push(`non-2xx/errors during the sweep run: ${JSON.stringify(loaded.result.statusCodeStats)}`);
    return result;
  } finally {
    await server.stop();
  }
}
