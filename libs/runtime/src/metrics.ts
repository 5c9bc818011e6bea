import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandObserver } from '#kernel';

export interface ProjectionLagSource {
  status(): Promise<Array<{ name: string; lagMs: number; behindHead: string }>>;
}

export interface QueueDepthSource {
  depth(): Promise<{ [state: string]: number } | object>;
}

/** A registry's metrics as plain data (`getMetricsAsJSON`): what crosses from a worker thread to the scrape. */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The Prometheus metrics of one process (all three apps share one registry in the all-in-one process).
 * Gauges that describe other components are read when scraped, so nothing polls in between.
 */
export class Metrics {
  readonly registry = new Registry();
  private projections: ProjectionLagSource | null = null;
  private queue: QueueDepthSource | null = null;
  private readonly threads: (() => Promise<MetricsSnapshot>)[] = [];

  readonly commands = new Counter({
    name: 'orikaeshi_commands_total',
    help: 'Commands handled, by command type and outcome (appended, unchanged, rejected, conflict, failed).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly httpRequestDuration = new Histogram({
    name: 'orikaeshi_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly exportDuration = new Histogram({
    name: 'orikaeshi_export_duration_seconds',
    help: 'Asynchronous search exports from start to stored file, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'orikaeshi_' });
    const projections = () => this.projections;
    const queue = () => this.queue;
    new Gauge({
      name: 'orikaeshi_projection_lag_milliseconds',
      help: 'Time between an event being stored and the projection applying it, for the last event applied.',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of (await projections()?.status()) ?? []) this.set({ projection: status.name }, status.lagMs);
      },
    });
    new Gauge({
      name: 'orikaeshi_projection_behind_head',
      help: 'How far the projection is behind the newest stored event: events (SQLite) or log bytes (EventStoreDB).',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of (await projections()?.status()) ?? []) {
          this.set({ projection: status.name }, Number(status.behindHead));
        }
      },
    });
    new Gauge({
      name: 'orikaeshi_export_queue_jobs',
      help: 'Asynchronous search jobs in the queue, by state.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const depth =
          (await queue()
            ?.depth()
            .catch(() => null)) ?? {};
        for (const [state, count] of Object.entries(depth)) this.set({ state }, Number(count));
      },
    });
  }

  watchProjections(source: ProjectionLagSource): void {
    this.projections = source;
  }

  watchQueue(source: QueueDepthSource): void {
    this.queue = source;
  }

  /**
   * Merges the metrics of another thread of this process (the all-in-one's read side) into every scrape.
   * A thread that does not answer is left out of that scrape rather than failing it.
   */
  mergeThread(snapshot: () => Promise<MetricsSnapshot>): void {
    this.threads.push(snapshot);
  }

  async snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON();
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    if (this.threads.length === 0)
      return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    const others = await Promise.all(this.threads.map((snapshot) => snapshot().catch(() => null)));
    const merged = mergeSnapshots([await this.snapshot(), ...others.filter((other) => other !== null)]);
    return { contentType: merged.contentType, body: await merged.metrics() };
  }
}

export const METRICS = Symbol('METRICS');

/**
 * prom-client's aggregation (made for cluster workers): series with the same name and labels are
 * combined by each metric's aggregator (counters, gauges and histogram buckets added). A metric only one
 * thread has is taken as it is: its aggregator may be `omit` (the process start time), meant for copies.
 */
function mergeSnapshots(snapshots: MetricsSnapshot[]): Registry {
  const holders = new Map<string, number>();
  for (const metric of snapshots.flat()) holders.set(metric.name, (holders.get(metric.name) ?? 0) + 1);
  return AggregatorRegistry.aggregate(
    snapshots.map((metrics) =>
      metrics.map((metric) => (holders.get(metric.name) === 1 ? { ...metric, aggregator: 'first' as const } : metric)),
    ),
  );
}

/** Counts every command by type and outcome (a command observer of the kernel's runner). */
export function commandMetrics(metrics: Metrics): CommandObserver {
  return { commandFinished: (type, outcome) => metrics.commands.inc({ type, outcome }) };
}
