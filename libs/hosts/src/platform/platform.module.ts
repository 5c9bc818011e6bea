import { mkdir } from 'node:fs/promises';
import {
  type DynamicModule,
  Global,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { AsyncSearchMailer } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import {
  BLOB_STORE,
  type BlobStore,
  EXPORT_QUEUE,
  type ExportQueue,
  PASSWORD_HASHER,
  PasswordHasher,
  SESSION_STORE,
  SIGN_IN_THROTTLE,
} from '#infra';
import type { Upcaster } from '#kernel';
import {
  ASYNC_SEARCH_LIST,
  CALLBACK_RETENTION,
  CALLBACK_CHOICES,
  CALLBACK_SEARCH,
  CALLBACK_STATS,
  PROJECTION_STORE,
  READ_STORE,
  type ReadStore,
} from '#read-store';
import {
  APP_CONFIG,
  type AppConfig,
  type BrowserSessions,
  CLOCK,
  type Clock,
  METRICS,
  Metrics,
  openBlobStore,
  openEventStore,
  openExportQueue,
  openBrowserSessions,
  openMailNotifier,
  openReadStore,
  systemClock,
} from '#runtime';

/** The queue the export worker consumes: the dispatch queue itself unless a host gives another. */
export const WORKER_QUEUE = Symbol('WORKER_QUEUE');
/** Notification mails of finished async searches; null = none. */
export const MAILER = Symbol('MAILER');

export interface PlatformOptions {
  config: AppConfig;
  clock?: Clock;
  metrics?: Metrics;
  /** Default: the product's upcasters. */
  upcasters?: readonly Upcaster[];
  /** Adapters the caller opened (and closes); the others are opened here for the configured family and closed on shutdown. */
  eventStore?: EventStore;
  readStore?: ReadStore;
  blobStore?: BlobStore;
  /** Whether this process has the export queue (dispatch or worker). Default false. */
  queue?: boolean;
  exportQueue?: ExportQueue;
  workerQueue?: ExportQueue;
  /** Whether this process sends mail (the worker). Default false; `mailer` null = no mail. */
  mail?: boolean;
  mailer?: AsyncSearchMailer | null;
  /** Whether this process signs people in (the command API): sessions, sign-in throttle, password hasher. */
  sessions?: boolean;
  /** Default: scrypt at the production cost; tests that hash many passwords pass a cheaper one. */
  passwordHasher?: PasswordHasher;
}

/** What the platform opened itself, closed in reverse once the application has shut down. */
@Injectable()
class OwnedAdapters implements OnApplicationShutdown {
  readonly closers: (() => Promise<void> | void)[] = [];

  async onApplicationShutdown(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
  }
}

function opened<T>(
  token: symbol,
  given: T | undefined,
  open: () => Promise<T>,
  close: (value: T) => Promise<void> | void,
): Provider {
  return {
    provide: token,
    inject: [OwnedAdapters],
    useFactory: async (owned: OwnedAdapters) => {
      if (given !== undefined) return given;
      const value = await open();
      owned.closers.push(() => close(value));
      return value;
    },
  };
}

/**
 * Config, clock, metrics and the adapters of the configured family (embedded: SQLite and files; production:
 * EventStoreDB, MongoDB, Redis, SMTP), for every role module of the process. Adapters opened here are
 * closed after the HTTP server and the role modules have stopped (Nest's shutdown hooks).
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const providers: Provider[] = [
      OwnedAdapters,
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: METRICS, useValue: options.metrics ?? new Metrics() },
      opened(
        EVENT_STORE,
        options.eventStore,
        () => openEventStore(config, options.upcasters),
        (store) => store.close(),
      ),
      opened(
        READ_STORE,
        options.readStore,
        () => openReadStore(config),
        (store) => store.close(),
      ),
      ...[
        CALLBACK_SEARCH,
        CALLBACK_CHOICES,
        CALLBACK_STATS,
        ASYNC_SEARCH_LIST,
        PROJECTION_STORE,
        CALLBACK_RETENTION,
      ].map((token) => ({
        provide: token,
        useExisting: READ_STORE,
      })),
      {
        provide: BLOB_STORE,
        inject: [OwnedAdapters],
        useFactory: async (owned: OwnedAdapters) => {
          if (options.blobStore) return options.blobStore;
          const blobs = await openBlobStore(config);
          owned.closers.push(() => blobs.close());
          return blobs.blobStore;
        },
      },
    ];
    const exported: (symbol | string)[] = [APP_CONFIG, CLOCK, METRICS, EVENT_STORE, READ_STORE, BLOB_STORE];
    exported.push(
      CALLBACK_SEARCH,
      CALLBACK_CHOICES,
      CALLBACK_STATS,
      ASYNC_SEARCH_LIST,
      PROJECTION_STORE,
      CALLBACK_RETENTION,
    );
    if (options.queue) {
      providers.push(
        opened(
          EXPORT_QUEUE,
          options.exportQueue,
          async () => openExportQueue(config),
          (queue) => queue.close(),
        ),
        options.workerQueue
          ? { provide: WORKER_QUEUE, useValue: options.workerQueue }
          : { provide: WORKER_QUEUE, useExisting: EXPORT_QUEUE },
      );
      exported.push(EXPORT_QUEUE, WORKER_QUEUE);
    }
    if (options.mail) {
      providers.push(
        opened<AsyncSearchMailer | null>(
          MAILER,
          options.mailer,
          () => openMailNotifier(config),
          (mailer) => (mailer as { close?(): void } | null)?.close?.(),
        ),
      );
      exported.push(MAILER);
    }
    if (options.sessions) {
      const BROWSER_SESSIONS = Symbol('BROWSER_SESSIONS');
      providers.push(
        {
          provide: BROWSER_SESSIONS,
          inject: [OwnedAdapters],
          useFactory: async (owned: OwnedAdapters) => {
            await mkdir(config.dataDir, { recursive: true });
            const opened = openBrowserSessions(config);
            owned.closers.push(() => opened.close());
            return opened;
          },
        },
        { provide: SESSION_STORE, inject: [BROWSER_SESSIONS], useFactory: (b: BrowserSessions) => b.sessions },
        { provide: SIGN_IN_THROTTLE, inject: [BROWSER_SESSIONS], useFactory: (b: BrowserSessions) => b.throttle },
        { provide: PASSWORD_HASHER, useValue: options.passwordHasher ?? new PasswordHasher() },
      );
      exported.push(SESSION_STORE, SIGN_IN_THROTTLE, PASSWORD_HASHER);
    }
    return { module: PlatformModule, providers, exports: exported };
  }
}
