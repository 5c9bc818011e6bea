import { Redis } from 'ioredis';
import {
  defaultSessionPolicy,
  judgeSession,
  newSessionId,
  remainingMs,
  sessionKey,
  type OpenedSession,
  type ResolvedSession,
  type SessionPolicy,
  type SessionStore,
  type StoredSession,
} from '../session-store.port.js';

export interface RedisSessionStoreOptions {
  /** Namespace of every key, e.g. `orikaeshi:` (tests use one per run). */
  prefix: string;
  policy?: SessionPolicy;
}

/**
 * Sessions shared by every API instance (production). One hash per session (`<prefix>session:<sha256>`) whose
 * Redis expiry follows the session's own end, plus one set per account of its session hashes for
 * "sign out everywhere else". Redis was chosen over MongoDB for this: docs/decisions.md.
 */
export class RedisSessionStore implements SessionStore {
  private readonly policy: SessionPolicy;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisSessionStoreOptions,
    private readonly ownsConnection = false,
  ) {
    this.policy = options.policy ?? defaultSessionPolicy;
  }

  static connect(url: string, options: RedisSessionStoreOptions): RedisSessionStore {
    return new RedisSessionStore(new Redis(url, { maxRetriesPerRequest: 2 }), options, true);
  }

  private sessionKey(hash: string): string {
    return `${this.options.prefix}session:${hash}`;
  }

  private accountKey(accountId: string): string {
    return `${this.options.prefix}account-sessions:${accountId}`;
  }

  async open(accountId: string, now: Date): Promise<OpenedSession> {
    const at = now.getTime();
    const sessionId = newSessionId();
    const hash = sessionKey(sessionId) as string;
    const stored: StoredSession = { accountId, createdAt: at, lastSeenAt: at };
    const accountKey = this.accountKey(accountId);
    // Forget hashes of sessions Redis already expired, so the account's set stays as small as its live sessions.
    const members = await this.redis.smembers(accountKey);
    const gone = await this.absent(members);
    const multi = this.redis
      .multi()
      .hset(this.sessionKey(hash), { a: accountId, c: String(at), l: String(at) })
      .pexpire(this.sessionKey(hash), remainingMs(stored, at, this.policy))
      .sadd(accountKey, hash)
      .pexpire(accountKey, this.policy.absoluteMs);
    if (gone.length > 0) multi.srem(accountKey, ...gone);
    await multi.exec();
    return { sessionId, expiresAt: new Date(at + this.policy.absoluteMs) };
  }

  async resolve(sessionId: string, now: Date): Promise<ResolvedSession | null> {
    const hash = sessionKey(sessionId);
    if (hash === null) return null;
    const fields = await this.redis.hgetall(this.sessionKey(hash));
    if (!fields.a) return null;
    const stored: StoredSession = { accountId: fields.a, createdAt: Number(fields.c), lastSeenAt: Number(fields.l) };
    const at = now.getTime();
    switch (judgeSession(stored, at, this.policy)) {
      case 'expired':
        await this.redis.multi().del(this.sessionKey(hash)).srem(this.accountKey(stored.accountId), hash).exec();
        return null;
      case 'touch': {
        const touched = { ...stored, lastSeenAt: at };
        await this.redis
          .multi()
          .hset(this.sessionKey(hash), 'l', String(at))
          .pexpire(this.sessionKey(hash), remainingMs(touched, at, this.policy))
          .exec();
        break;
      }
      case 'valid':
        break;
    }
    return { accountId: stored.accountId, createdAt: new Date(stored.createdAt) };
  }

  async revoke(sessionId: string): Promise<void> {
    const hash = sessionKey(sessionId);
    if (hash === null) return;
    const accountId = await this.redis.hget(this.sessionKey(hash), 'a');
    const multi = this.redis.multi().del(this.sessionKey(hash));
    if (accountId !== null) multi.srem(this.accountKey(accountId), hash);
    await multi.exec();
  }

  async revokeAllOf(accountId: string, exceptSessionId?: string): Promise<number> {
    const keep = exceptSessionId === undefined ? null : sessionKey(exceptSessionId);
    const accountKey = this.accountKey(accountId);
    const ending = (await this.redis.smembers(accountKey)).filter((hash) => hash !== keep);
    if (ending.length === 0) return 0;
    const results = await this.redis
      .multi()
      .del(...ending.map((hash) => this.sessionKey(hash)))
      .srem(accountKey, ...ending)
      .exec();
    const deleted = results?.[0]?.[1];
    return typeof deleted === 'number' ? deleted : 0;
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }

  private async absent(hashes: string[]): Promise<string[]> {
    if (hashes.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const hash of hashes) pipeline.exists(this.sessionKey(hash));
    const results = (await pipeline.exec()) ?? [];
    return hashes.filter((_, i) => results[i]?.[1] === 0);
  }
}
