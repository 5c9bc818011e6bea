import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BLOB_STORE, type BlobStore, LIVE_CHANGES_FEED, type LiveChangesFeed, RECORDING_BLOB_STORE } from '#infra';
import {
  CALLBACK_RETENTION,
  type CallbackRetention,
  LINKED_RECORDINGS,
  type LinkedRecordings,
  PROJECTION_STORE,
  type ProjectionStore,
} from '#read-store';
import { CLOCK, type Clock, METRICS, type Metrics } from '#runtime';
import { AsyncSearchDispatcher } from './dispatch/async-search-dispatcher.js';
import { type DispatchOptions, dispatcherProvider } from './dispatch/dispatch.provider.js';
import { Projector } from './projector.js';

export interface ProjectorModuleOptions {
  /** Default true; false builds the projector without starting it (tests that drive it themselves). */
  start?: boolean;
  /** The async-search dispatch reactor, run beside the projections. Default none. */
  dispatch?: DispatchOptions;
}

const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/**
 * Starts the projector once the application is up. Stops it (batch in hand checkpointed, dispatch
 * reactor included) first on shutdown, in `onModuleDestroy`: before the worker closes the queue the
 * reactor feeds (`beforeApplicationShutdown`) and before the platform closes the stores.
 */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    readonly projector: Projector,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PROJECTOR_OPTIONS) private readonly options: ProjectorModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.watchProjections(this.projector);
    if (this.options.start !== false) await this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }
}

/** The projector role: every projection, the retention sweeper, rebuilds, and (optionally) dispatch. */
@Module({})
export class ProjectorModule {
  static forRoot(options: ProjectorModuleOptions = {}): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [
        { provide: PROJECTOR_OPTIONS, useValue: options },
        dispatcherProvider(options.dispatch ?? { checkpoint: null }),
        {
          provide: Projector,
          inject: [
            EVENT_STORE,
            PROJECTION_STORE,
            CALLBACK_RETENTION,
            LINKED_RECORDINGS,
            { token: LIVE_CHANGES_FEED, optional: true },
            CLOCK,
            AsyncSearchDispatcher,
            RECORDING_BLOB_STORE,
            BLOB_STORE,
          ],
          useFactory: (
            eventStore: EventStore,
            projectionStore: ProjectionStore,
            callbackRetention: CallbackRetention,
            linkedRecordings: LinkedRecordings,
            liveChanges: LiveChangesFeed | undefined,
            clock: Clock,
            dispatcher: AsyncSearchDispatcher | null,
            recordingBlobs: BlobStore,
            exportBlobs: BlobStore,
          ) =>
            new Projector(eventStore, { projectionStore, callbackRetention, linkedRecordings, liveChanges }, clock, {
              reactors: dispatcher ? [dispatcher] : [],
              recordingBlobs,
              exportBlobs,
            }),
        },
        ProjectorLifecycle,
      ],
      exports: [Projector, AsyncSearchDispatcher],
    };
  }
}
