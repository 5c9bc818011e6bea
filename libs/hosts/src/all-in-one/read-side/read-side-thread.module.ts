import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Provider,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { PROJECTION_STORE, type ProjectionStore } from '#read-store';
import { APP_CONFIG, type AppConfig, METRICS, type Metrics } from '#runtime';
import { HEALTH_CHECKS, type HealthCheck, dependencyChecks } from '../../command-api/operations/health-checks.js';
import { ReadSideThread } from './read-side-thread.js';

export interface ReadSideThreadModuleOptions {
  /** The thread, spawned by the host before the API's start-up so its code loads meanwhile (ReadSideThread.spawn). */
  thread: ReadSideThread;
  /** What the process does when the thread crashes (the all-in-one process shuts down and exits non-zero). */
  onCrash?(error: Error): void;
}

const READ_SIDE_OPTIONS = Symbol('READ_SIDE_OPTIONS');
/** The thread's `open`, asked when the API's event store is open and awaited when the application starts. */
const READ_SIDE_OPENED = Symbol('READ_SIDE_OPENED');
/** How long /health and /metrics wait for the read-side thread (it answers between projection batches). */
const answerWithinMs = 5_000;

/**
 * Waits for the read-side thread to be ready before the application starts (`onApplicationBootstrap`, so
 * the rest of the API's start-up runs meanwhile; a thread that fails to start fails the start). Stops it
 * first on shutdown (`onModuleDestroy`): the projector stores its checkpoint, the worker finishes the
 * exports in hand and the thread closes its stores, before the API thread closes its HTTP server and its
 * own connections.
 */
@Injectable()
export class ReadSideLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    readonly thread: ReadSideThread,
    @Inject(READ_SIDE_OPENED) private readonly opened: { ready: Promise<void> },
    @Inject(READ_SIDE_OPTIONS) private readonly options: ReadSideThreadModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.opened.ready;
    if (this.options.onCrash) this.thread.onCrash(this.options.onCrash);
  }

  async onModuleDestroy(): Promise<void> {
    await this.thread.stop();
  }
}

/**
 * The API process's side of the read-side thread: opens it (after this thread opened the event store,
 * so the data dir, its files and the master key exist before the thread opens them), merges its metrics
 * into `/metrics`, and stops it on shutdown.
 */
@Global()
@Module({})
export class ReadSideThreadModule {
  static forRoot(options: ReadSideThreadModuleOptions): DynamicModule {
    return {
      module: ReadSideThreadModule,
      providers: [
        { provide: READ_SIDE_OPTIONS, useValue: options },
        { provide: ReadSideThread, useValue: options.thread },
        {
          provide: READ_SIDE_OPENED,
          inject: [APP_CONFIG, METRICS, EVENT_STORE],
          useFactory: (config: AppConfig, metrics: Metrics, _opened: EventStore) => {
            const ready = options.thread.open(config);
            // Awaited by ReadSideLifecycle; a start-up that fails before then must not leave it unhandled.
            ready.catch(() => undefined);
            // A scrape waits for the thread's answer at most as long as /health does, then goes without it.
            metrics.mergeThread(() =>
              withTimeout(options.thread.metrics(), answerWithinMs, 'the read side did not answer'),
            );
            return { ready };
          },
        },
        ReadSideLifecycle,
      ],
      exports: [ReadSideThread],
    };
  }
}

/**
 * `/health` of the all-in-one process: this thread's stores, the export queue as the read side reaches
 * it, and the projector with each projection's lag. The projector is down when the thread does not run
 * or does not answer; a lag is reported, never judged (a long catch-up must not take the API out of a
 * load balancer). Given to CommandApiModule, it replaces the default checks.
 */
export const readSideHealthChecks: Provider = {
  provide: HEALTH_CHECKS,
  inject: [EVENT_STORE, PROJECTION_STORE, ReadSideThread],
  useFactory: (eventStore: EventStore, readStore: ProjectionStore, thread: ReadSideThread): HealthCheck[] => [
    ...dependencyChecks({ eventStore, readStore }),
    { name: 'queue', probe: async () => void (await thread.queueDepth()) },
    {
      name: 'projector',
      probe: async () => {
        const health = await withTimeout(
          thread.health(),
          answerWithinMs,
          `the read-side thread did not answer within ${answerWithinMs / 1000} s`,
        );
        const down = Object.entries(health.dependencies).filter(([, reason]) => reason !== null);
        if (down.length > 0) throw new Error(down.map(([name, reason]) => `${name}: ${reason}`).join('; '));
        return { projections: health.projections };
      },
    },
  ],
};

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}
