import {
  type SessionStore,
  type SignInThrottle,
  SqliteSessionStore,
  SqliteSignInThrottle,
  defaultSessionPolicy,
  openSqliteFile,
} from '#infra';
import type { AppConfig } from './config.js';
import { embeddedSqliteFile, walAutoCheckpointPages } from './sqlite-files.js';

export interface BrowserSessions {
  sessions: SessionStore;
  throttle: SignInThrottle;
  close(): Promise<void>;
}

/**
 * Browser sessions and the sign-in throttle of the configured family: Redis (shared by every API instance)
 * when `REDIS_URL` is set (ioredis imported only then), else one SQLite file in the data directory, so
 * sessions survive a restart.
 */
export async function openBrowserSessions(
  config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'dataDir' | 'sessionIdleMs' | 'sessionMaxMs' | 'walCheckpoints'>,
): Promise<BrowserSessions> {
  const policy = { ...defaultSessionPolicy, idleMs: config.sessionIdleMs, absoluteMs: config.sessionMaxMs };
  if (config.redisUrl) {
    const { RedisSessionStore, RedisSignInThrottle } = await import('#infra/redis');
    const prefix = `${config.queuePrefix}:`;
    const sessions = RedisSessionStore.connect(config.redisUrl, { prefix, policy });
    const throttle = RedisSignInThrottle.connect(config.redisUrl, { prefix });
    return {
      sessions,
      throttle,
      close: async () => {
        await sessions.close();
        await throttle.close();
      },
    };
  }
  const db = openSqliteFile(embeddedSqliteFile(config, 'sessions'), {
    walAutoCheckpointPages: walAutoCheckpointPages(config),
  });
  const sessions = new SqliteSessionStore(db, policy);
  const throttle = new SqliteSignInThrottle(db);
  return {
    sessions,
    throttle,
    close: async () => {
      await sessions.close();
      await throttle.close();
      db.close();
    },
  };
}
