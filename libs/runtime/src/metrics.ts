import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandObserver } from '#kernel';

export interface ProjectionLagSource {
  status(): Promise<Array<{ name: string; lagMs: number; behindHead: string }>>;
}

export interface QueueDepthSource {
  depth(): Promise<{ [state: string]: number } | object>;
}

/**
 * The Prometheus metrics of one process (all three apps share one registry in the all-in-one process).
 * Gauges that describe other components are read when scraped, so nothing polls in between.
 */
export class Metrics {
  readonly registry = new Registry();
  private projections: ProjectionLagSource | null = null;
  private queue: QueueDepthSource | null = null;

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

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

export const METRICS = Symbol('METRICS');

/** Counts every command by type and outcome (a command observer of the kernel's runner). */
export function commandMetrics(metrics: Metrics): CommandObserver {
  return { commandFinished: (type, outcome) => metrics.commands.inc({ type, outcome }) };
}
