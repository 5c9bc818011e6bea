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
  LIVE_CHANGES_FEED,
  PASSWORD_HASHER,
  RECORDING_BLOB_STORE,
  PasswordHasher,
  SESSION_STORE,
  SIGN_IN_THROTTLE,
} from '#infra';
import type { Upcaster } from '#kernel';
import { type ReadPorts, readPortTokens } from '#read-store';
import {
  APP_CONFIG,
  type AppConfig,
  type BrowserSessions,
  CLOCK,
  type Clock,
  METRICS,
  Metrics,
  openBlobStore,
  openRecordingBlobStore,
  openEventStore,
  openExportQueue,
  openBrowserSessions,
  openMailNotifier,
  READ_STORE_HANDLE,
  type ReadStoreHandle,
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
  readStore?: ReadStoreHandle;
  blobStore?: BlobStore;
  recordingBlobStore?: BlobStore;
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

/** A blob store the caller gave, or one opened here whose connection closes on shutdown. */
function blobStoreProvider(
  token: symbol,
  given: BlobStore | undefined,
  open: () => Promise<{ blobStore: BlobStore; close(): Promise<void> }>,
): Provider {
  return {
    provide: token,
    inject: [OwnedAdapters],
    useFactory: async (owned: OwnedAdapters) => {
      if (given) return given;
      const blobs = await open();
      owned.closers.push(() => blobs.close());
      return blobs.blobStore;
    },
  };
}

function readPortProviders(): Provider[] {
  return (Object.keys(readPortTokens) as (keyof ReadPorts)[]).map((port) => ({
    provide: readPortTokens[port],
    inject: [READ_STORE_HANDLE],
    useFactory: (store: ReadStoreHandle) => store.ports[port],
  }));
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
        READ_STORE_HANDLE,
        options.readStore,
        () => openReadStore(config),
        (store) => store.close(),
      ),
      // Each port on its own token: a consumer injects the one it reads, never the whole store.
      ...readPortProviders(),
      { provide: LIVE_CHANGES_FEED, inject: [READ_STORE_HANDLE], useFactory: (h: ReadStoreHandle) => h.liveChanges },
      blobStoreProvider(BLOB_STORE, options.blobStore, () => openBlobStore(config)),
      blobStoreProvider(RECORDING_BLOB_STORE, options.recordingBlobStore, () => openRecordingBlobStore(config)),
    ];
    const exported: (symbol | string)[] = [APP_CONFIG, CLOCK, METRICS, EVENT_STORE, BLOB_STORE, RECORDING_BLOB_STORE];
    // Not the handle itself: it stays the platform's to close (hosts reach it through `app.get`).
    exported.push(LIVE_CHANGES_FEED, ...Object.values(readPortTokens));
    if (options.queue) {
      providers.push(
        opened(
          EXPORT_QUEUE,
          options.exportQueue,
          () => openExportQueue(config),
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
            const opened = await openBrowserSessions(config);
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
