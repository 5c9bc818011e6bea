import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { AsyncSearchMailer } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BLOB_STORE, type BlobStore, type ExportQueue } from '#infra';
import { CALLBACK_SEARCH, type CallbackSearch } from '#read-store';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock, METRICS, type Metrics } from '#runtime';
import { MAILER, WORKER_QUEUE } from '../platform/platform.module.js';
import { AsyncSearchDispatcher } from '../projector/dispatch/async-search-dispatcher.js';
import { type DispatchOptions, dispatcherProvider } from '../projector/dispatch/dispatch.provider.js';
import { type RunningExportWorker, startExportWorker } from './start-export-worker.js';

export interface ExportWorkerModuleOptions {
  /** A dispatch reactor of the worker's own (embedded family run as separate processes). Default none. */
  dispatch?: DispatchOptions;
  concurrency?: number;
}

const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

/** Takes jobs from the worker queue once the application is up; finishes the running ones before shutdown. */
@Injectable()
export class ExportWorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  running: RunningExportWorker | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CALLBACK_SEARCH) private readonly callbacks: CallbackSearch,
    @Inject(BLOB_STORE) private readonly blobStore: BlobStore,
    @Inject(WORKER_QUEUE) private readonly queue: ExportQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAILER) private readonly mailer: AsyncSearchMailer | null,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(WORKER_OPTIONS) private readonly options: ExportWorkerModuleOptions,
    @Optional() private readonly dispatcher: AsyncSearchDispatcher | null = null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.watchQueue(this.queue);
    this.running = startExportWorker({
      config: this.config,
      eventStore: this.eventStore,
      readStore: this.callbacks,
      blobStore: this.blobStore,
      queue: this.queue,
      clock: this.clock,
      mailer: this.mailer,
      metrics: this.metrics,
      concurrency: this.options.concurrency,
    });
    await this.dispatcher?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher?.stop();
    await this.running?.close();
  }
}

/** The export-worker role: runs asynchronous searches from the queue (run-async-search). */
@Module({})
export class ExportWorkerModule {
  static forRoot(options: ExportWorkerModuleOptions = {}): DynamicModule {
    return {
      module: ExportWorkerModule,
      providers: [
        { provide: WORKER_OPTIONS, useValue: options },
        ...(options.dispatch ? [dispatcherProvider(options.dispatch)] : []),
        ExportWorkerLifecycle,
      ],
      exports: [ExportWorkerLifecycle],
    };
  }
}
