import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { COMMAND_OBSERVERS, apiUseCases } from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import type { ExportQueue } from '#infra';
import type { CommandObserver } from '#kernel';
import { PROJECTION_STORE, type ProjectionStore } from '#read-store';
import { METRICS, type Metrics, commandMetrics } from '#runtime';
import { WORKER_QUEUE } from '../platform/platform.module.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { AsyncSearchesController } from './async-searches/async-searches.controller.js';
import { AccountDirectory } from './auth/account-directory.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CallbackCommandsController } from './callbacks/callback-commands.controller.js';
import { CallbackHistoryController } from './callbacks/callback-history.controller.js';
import { CallbacksCsvController } from './exports/callbacks-csv.controller.js';
import { HEALTH_CHECKS, dependencyChecks } from './operations/health-checks.js';
import { HealthController } from './operations/health.controller.js';
import { MetricsController } from './operations/metrics.controller.js';
import { CallbackQueriesController } from './queries/callback-queries.controller.js';
import { ErasureRequestsController } from './erasure/erasure-requests.controller.js';
import { liveEventHubProviders } from './live-events/live-event-hub.provider.js';
import { LiveEventsController } from './live-events/live-events.controller.js';
import { RecordingsController } from './recordings/recordings.controller.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SettingsController } from './settings/settings.controller.js';

export interface CommandApiModuleOptions {
  /** Extra controllers and providers (the bench's no-op command routes). */
  controllers?: DynamicModule['controllers'];
  providers?: Provider[];
}

/**
 * The command API role: controllers that translate HTTP to the use cases of #application and back, the
 * auth guard, /health and /metrics. Adapters come from the PlatformModule of the process.
 */
@Module({})
export class CommandApiModule {
  static forRoot(options: CommandApiModuleOptions = {}): DynamicModule {
    return {
      module: CommandApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        CallbackCommandsController,
        CallbackHistoryController,
        AccountsController,
        SettingsController,
        ErasureRequestsController,
        HealthController,
        MetricsController,
        CallbackQueriesController,
        CallbacksCsvController,
        AsyncSearchesController,
        RecordingsController,
        SessionsController,
        LiveEventsController,
        ...(options.controllers ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        AccountDirectory,
        {
          // Every command is counted, and cached accounts never outlive a change made in this process.
          provide: COMMAND_OBSERVERS,
          inject: [AccountDirectory, METRICS],
          useFactory: (accounts: AccountDirectory, metrics: Metrics): CommandObserver[] => [
            accounts,
            commandMetrics(metrics),
          ],
        },
        {
          provide: HEALTH_CHECKS,
          inject: [EVENT_STORE, PROJECTION_STORE, { token: WORKER_QUEUE, optional: true }],
          useFactory: (eventStore: EventStore, readStore: ProjectionStore, queue: ExportQueue | undefined) =>
            dependencyChecks({ eventStore, readStore, queue }),
        },
        ...liveEventHubProviders,
        ...apiUseCases,
        ...(options.providers ?? []),
      ],
    };
  }
}
