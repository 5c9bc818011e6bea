import { commandSequence, mixedCommandRequests } from './support/command-load.js';
import { type OpenLoopRun, runOpenLoop } from './support/open-loop.js';
import { type BenchResult, envNumber, fmt, newResult, percentile, scaled } from './support/report.js';
import { ServerProcess } from './support/server-process.js';

/**
 * 8. Commands at a fixed open-loop rate (500 req/s for 30 s by default): p50/p99 latency counted from each
 * request's due time, against the same schedule on the no-op stack, and the projection lag (applied −
 * stored, per event, as in benchmark 2) while it runs. Same server as benchmark 1: API + projector in one
 * child process, as `npm start` runs them.
 */
export async function commandsOpenLoopBenchmark(): Promise<BenchResult[]> {
  const rate = envNumber('BENCH_OPEN_RATE', 500);
  const seconds = envNumber('BENCH_OPEN_SECONDS', 30);
  const warmupSeconds = envNumber('BENCH_OPEN_WARMUP_SECONDS', 5);
  const liveCallbacks = scaled('BENCH_LIVE_CALLBACKS', 20_000);
  const server = await ServerProcess.start({ liveCallbacks });
  try {
    const load = (prefix: string, tag: string, duration: number) =>
      runOpenLoop({
        url: server.url,
        token: server.adminToken,
        rate,
        seconds: duration,
        next: commandSequence(mixedCommandRequests(prefix, liveCallbacks, `${tag}-${Date.now()}`)),
      });
    await load('/noop', 'open-warm-noop', warmupSeconds);
    const noop = await load('/noop', 'open-noop', seconds);
    await load('', 'open-warm-cmd', warmupSeconds);
    server.startLag();
    const commands = await load('', 'open-cmd', seconds);
    const lag = await server.stopLag();

    const latencies = (run: OpenLoopRun) => run.samples.map((sample) => sample.latency);
    const summary = (run: OpenLoopRun) => ({
      scheduled: run.scheduled,
      completed: run.samples.filter((sample) => sample.status !== 0).length,
      throughput: run.throughput,
      errors: run.errors,
      latency: {
        p50: percentile(latencies(run), 50),
        p90: percentile(latencies(run), 90),
        p99: percentile(latencies(run), 99),
        max: Math.max(...latencies(run)),
      },
      // The generator's own slip: if this is large the run measured the bench machine, not the server.
      sendDelay: {
        p99: percentile(
          run.samples.map((sample) => sample.sendDelay),
          99,
        ),
        max: Math.max(...run.samples.map((sample) => sample.sendDelay)),
      },
      statusCodes: countBy(run.samples.map((sample) => String(sample.status))),
      socketErrors: countBy(run.samples.flatMap((sample) => (sample.error ? [sample.error] : []))),
    });
    const p50 = percentile(latencies(commands), 50);
    const p99 = percentile(latencies(commands), 99);
    const noopP50 = percentile(latencies(noop), 50);
    const noopP99 = percentile(latencies(noop), 99);

    const result = newResult('commands-open-loop', `Commands at ${rate} req/s open loop`, server.ready.family);
    result.parameters = {
      rate,
      seconds,
      warmupSeconds,
      liveCallbacks,
      mix: 'register/assign/memo/complete 1:1:1:1',
      maxSockets: 256,
    };
    result.details = { noop: summary(noop), commands: summary(commands), lag, seedMs: server.ready.seedMs };
    result.notes.push(
      `Open loop: request i is due at start + i/${rate} s and sent then whatever the earlier ones did (up to 256 sockets); latency counts from the due time, so a stall is not hidden (no coordinated omission).`,
      'Lag: for every event the projector applied during the run, Date.now() after its batch minus the event store recordedAt (the measurement of benchmark 2).',
    );
    const slip = summary(commands).sendDelay;
    result.notes.push(
      `Generator slip (sent − due) p99 ${fmt.ms(slip.p99)}, max ${fmt.ms(slip.max)}: the load generator shares the machine, so a large slip means the machine, not only the server, was saturated.`,
    );
    if (commands.errors > 0)
      result.notes.push(
        `errors or non-2xx: ${JSON.stringify(summary(commands).statusCodes)} (status 0 = socket error: ${JSON.stringify(summary(commands).socketErrors)})`,
      );
    if (lag.events === 0)
      result.notes.push('No projection lag sample was recorded: the lag rows are a miss, not a pass.');
    const label = `8. commands/open loop ${rate} req/s`;
    result.rows.push(
      {
        benchmark: label,
        metric: `p50 latency (${commands.samples.length.toLocaleString('en-US')} requests)`,
        value: fmt.ms(p50),
        baseline: `${fmt.ms(noopP50)} (no-op stack)`,
        ratio: fmt.ratio(p50 / noopP50),
        target: '–',
        pass: null,
      },
      {
        benchmark: label,
        metric: 'p99 latency',
        value: fmt.ms(p99),
        baseline: `${fmt.ms(noopP99)} (no-op stack)`,
        ratio: fmt.ratio(p99 / noopP99),
        target: '≤ 5 ms',
        pass: p99 <= 5 && commands.errors === 0,
      },
      {
        benchmark: label,
        metric: `projection lag p99 (${lag.events.toLocaleString('en-US')} event applications)`,
        value: fmt.ms(lag.p99),
        baseline: `p50 ${fmt.ms(lag.p50)}, max ${fmt.ms(lag.max)}`,
        ratio: '–',
        target: '≤ 20 ms',
        pass: lag.events > 0 && lag.p99 <= 20,
      },
    );
    return [result];
  } finally {
    await server.stop();
  }
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
