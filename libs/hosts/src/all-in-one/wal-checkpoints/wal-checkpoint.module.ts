import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, embeddedSqliteFile, embeddedSqliteFileNames } from '#runtime';
import { WalCheckpointThread } from './wal-checkpoint-thread.js';

/** Short enough that a log rarely holds more than a few hundred pages when it is copied. */
const checkpointEveryMs = 100;

/** Starts the checkpoint thread with the host and stops it once everything else has shut down. */
@Injectable()
class WalCheckpointLifecycle implements OnApplicationShutdown {
  private readonly thread: WalCheckpointThread;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const files = (Object.keys(embeddedSqliteFileNames) as (keyof typeof embeddedSqliteFileNames)[]).map((file) =>
      embeddedSqliteFile(config, file),
    );
    this.thread = WalCheckpointThread.start({ files, intervalMs: checkpointEveryMs });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.thread.stop();
  }
}

/** For a host whose config says `walCheckpoints: 'background'` (the all-in-one process). */
@Module({})
export class WalCheckpointModule {
  static forRoot(): DynamicModule {
    return { module: WalCheckpointModule, providers: [WalCheckpointLifecycle] };
  }
}
