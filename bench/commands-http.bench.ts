import { type BenchResult, envNumber, fmt, newResult, percentile, scaled } from './support/report.js';
import { type LoadRun, mixedCommandRequests, runLoad } from './support/command-load.js';
import { ServerProcess } from './support/server-process.js';

/**
 * 1. Commands over HTTP vs the same stack with no-op handlers, 64 connections.
 * 2. Projection lag (event stored → applied to each view) under that load.
 * The server (API + projector in one process, as `npm start` runs) is a child process; autocannon drives it.
 */
export async function commandsHttpBenchmark(productionFamily = false): Promise<BenchResult[]> {
  const connections = envNumber('BENCH_HTTP_CONNECTIONS', 64);
  const seconds = envNumber('BENCH_HTTP_SECONDS', 20);
  const warmupSeconds = envNumber('BENCH_HTTP_WARMUP_SECONDS', 5);
  const liveCallbacks = scaled('BENCH_LIVE_CALLBACKS', 20_000);
  const suffix = productionFamily ? '-production' : '';
  const server = await ServerProcess.start({ liveCallbacks, productionFamily });
  const family = server.ready.family;
  try {
    const load = (prefix: string, tag: string, duration: number) =>
      runLoad({
        url: server.url,
        token: server.adminToken,
        connections,
        seconds: duration,
        requests: mixedCommandRequests(prefix, liveCallbacks, `${tag}-${Date.now()}`),
      });
    await load('/noop', 'warm-noop', warmupSeconds);
    const noop = await load('/noop', 'noop', seconds);
    await load('', 'warm-cmd', warmupSeconds);
    server.startLag();
    const commands = await load('', 'cmd', seconds);
    const lag = await server.stopLag();

    const summary = (run: LoadRun) => ({
      requestsPerSecond: run.throughput,
      latency: run.result.latency,
      p99FromSamples: percentile(
        run.samples.map((s) => s.latency),
        99,
      ),
      responses2xx: run.result['2xx'],
      non2xx: run.result.non2xx,
      errors: run.result.errors,
      timeouts: run.result.timeouts,
      statusCodes: run.result.statusCodeStats,
    });
    const ratio = commands.throughput / noop.throughput;
    const failures = (run: LoadRun) => run.result.non2xx + run.result.errors + run.result.timeouts;

    const http = newResult(`commands-http${suffix}`, 'Commands over HTTP (64 connections, mixed)', family);
    http.parameters = {
      connections,
      seconds,
      warmupSeconds,
      liveCallbacks,
      mix: 'register/assign/memo/complete 1:1:1:1',
    };
    http.details = { noop: summary(noop), commands: summary(commands), seedMs: server.ready.seedMs };
    http.rows.push(
      {
        benchmark: `1. commands/HTTP${suffix}`,
        metric: 'throughput',
        value: fmt.rate(commands.throughput, 'req/s'),
        baseline: `${fmt.rate(noop.throughput, 'req/s')} (no-op stack)`,
        ratio: fmt.ratio(ratio),
        target: '≥ 0.5×',
        pass: ratio >= 0.5 && failures(commands) === 0,
      },
      {
        benchmark: `1. commands/HTTP${suffix}`,
        metric: 'p99 latency',
        value: fmt.ms(commands.result.latency.p99),
        baseline: `${fmt.ms(noop.result.latency.p99)} (no-op stack)`,
        ratio: fmt.ratio(commands.result.latency.p99 / noop.result.latency.p99),
        target: '≤ 10 ms',
        pass: commands.result.latency.p99 <= 10,
      },
      {
        benchmark: `1. commands/HTTP${suffix}`,
        metric: 'errors (non-2xx, socket, timeouts)',
        value: String(failures(commands)),
        baseline: `${failures(noop)} (no-op stack)`,
        ratio: '–',
        target: '0',
        pass: failures(commands) === 0,
      },
    );
    http.notes.push(
      `Closed loop at saturation: mean latency ≈ connections / throughput (Little's law), so p99 ≤ 10 ms at ${connections} connections needs well over ${Math.round((connections / 10) * 1000).toLocaleString('en-US')} req/s.`,
    );
    if (failures(commands) > 0)
      http.notes.push(`non-2xx status codes: ${JSON.stringify(commands.result.statusCodeStats)}`);

    const projection = newResult(`projection-lag${suffix}`, 'Projection lag under the command load', family);
    projection.parameters = http.parameters;
    projection.details = lag;
    projection.notes.push(
      'Lag of every event, per projection: Date.now() after its batch was applied minus the event store recordedAt.',
    );
    projection.rows.push({
      benchmark: `2. projection lag${suffix}`,
      metric: `p99 (${lag.events.toLocaleString('en-US')} event applications)`,
      value: fmt.ms(lag.p99),
      baseline: `p50 ${fmt.ms(lag.p50)}, max ${fmt.ms(lag.max)}`,
      ratio: '–',
      target: '≤ 50 ms',
      pass: lag.p99 <= 50,
    });
    return [http, projection];
  } finally {
    await server.stop();
  }
}
