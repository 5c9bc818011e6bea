import {
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
  type Provider,
} from '@nestjs/common';
import { LIVE_EVENT_HUB } from '#application';
import { LIVE_CHANGES_FEED, LiveEventHub, type LiveEventHubOptions, type LiveChangesFeed } from '#infra';
import { APP_CONFIG, type AppConfig } from '#runtime';

/** Overrides of the hub's options (tests: a small buffer bound, a fast poll). */
export const LIVE_EVENT_HUB_OPTIONS = Symbol('LIVE_EVENT_HUB_OPTIONS');

/** Starts the API process's hub with the application and stops it (dropping every stream) at shutdown. */
@Injectable()
export class LiveEventHubLifecycle implements OnModuleInit, OnApplicationShutdown {
  readonly hub: LiveEventHub | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    /** The read store's live changes feed; without one `GET /events` answers 503. */
    @Optional() @Inject(LIVE_CHANGES_FEED) feed: LiveChangesFeed | null = null,
    @Optional() @Inject(LIVE_EVENT_HUB_OPTIONS) options: Partial<LiveEventHubOptions> | null = null,
  ) {
    this.hub = feed ? new LiveEventHub(feed, { maxStreamsPerAccount: config.liveStreamsPerAccount, ...options }) : null;
  }

  async onModuleInit(): Promise<void> {
    await this.hub?.start();
  }

  onApplicationShutdown(): void {
    this.hub?.stop();
  }
}

export const liveEventHubProviders: Provider[] = [
  LiveEventHubLifecycle,
  { provide: LIVE_EVENT_HUB, inject: [LiveEventHubLifecycle], useFactory: (l: LiveEventHubLifecycle) => l.hub },
];
