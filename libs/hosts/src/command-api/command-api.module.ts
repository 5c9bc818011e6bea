import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { COMMAND_OBSERVERS, apiUseCases } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { BLOB_STORE, type BlobStore, FsBlobStore } from '#infra';
import { ASYNC_SEARCH_LIST, CALLBACK_SEARCH, CALLBACK_STATS, READ_STORE, type ReadStore } from '#read-store';
import type { CommandObserver } from '#kernel';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock, METRICS, type Metrics, commandMetrics } from '#runtime';
import { AccountsController } from './accounts/accounts.controller.js';
import { AsyncSearchesController } from './async-searches/async-searches.controller.js';
import { AccountDirectory } from './auth/account-directory.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CallbackCommandsController } from './callbacks/callback-commands.controller.js';
import { CallbackHistoryController } from './callbacks/callback-history.controller.js';
import { CallbacksCsvController } from './exports/callbacks-csv.controller.js';
import { HEALTH_CHECKS, type HealthCheck } from './operations/health-checks.js';
import { HealthController } from './operations/health.controller.js';
import { MetricsController } from './operations/metrics.controller.js';
import { CallbackQueriesController } from './queries/callback-queries.controller.js';
import { SettingsController } from './settings/settings.controller.js';

/** What the command API is composed from: adapters are opened by the caller (main, all-in-one, tests). */
export interface CommandApiDependencies {
  config: AppConfig;
  eventStore: EventStore;
  readStore: ReadStore;
  clock: Clock;
  healthChecks: HealthCheck[];
  /** Async-search CSV files; default: the directory `<DATA_DIR>/exports` (embedded family). */
  blobStore?: BlobStore;
  /** The process's metrics registry; default a private one (then `/metrics` shows only the API's). */
  metrics?: Metrics;
  /** Extra providers and controllers (the read side adds its query routes this way). */
  providers?: Provider[];
  controllers?: DynamicModule['controllers'];
}

@Module({})
export class CommandApiModule {
  static forRoot(dependencies: CommandApiDependencies): DynamicModule {
    return {
      module: CommandApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        CallbackCommandsController,
        CallbackHistoryController,
        AccountsController,
        SettingsController,
        HealthController,
        MetricsController,
        CallbackQueriesController,
        CallbacksCsvController,
        AsyncSearchesController,
        ...(dependencies.controllers ?? []),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: dependencies.config },
        { provide: EVENT_STORE, useValue: dependencies.eventStore },
        { provide: READ_STORE, useValue: dependencies.readStore },
        // The use cases take the narrow read ports only.
        { provide: CALLBACK_SEARCH, useExisting: READ_STORE },
        { provide: CALLBACK_STATS, useExisting: READ_STORE },
        { provide: ASYNC_SEARCH_LIST, useExisting: READ_STORE },
        { provide: CLOCK, useValue: dependencies.clock },
        { provide: METRICS, useValue: dependencies.metrics },
        {
          provide: BLOB_STORE,
          useValue: dependencies.blobStore ?? FsBlobStore.forExports(dependencies.config.dataDir),
        },
        { provide: HEALTH_CHECKS, useValue: dependencies.healthChecks },
        { provide: APP_GUARD, useClass: AuthGuard },
        AccountDirectory,
        {
          // Every command is counted, and cached accounts never outlive a change made in this process.
          provide: COMMAND_OBSERVERS,
          inject: [AccountDirectory, { token: METRICS, optional: true }],
          useFactory: (accounts: AccountDirectory, metrics: Metrics | null): CommandObserver[] => [
            accounts,
            ...(metrics ? [commandMetrics(metrics)] : []),
          ],
        },
        ...apiUseCases,
        ...(dependencies.providers ?? []),
      ],
    };
  }
}
