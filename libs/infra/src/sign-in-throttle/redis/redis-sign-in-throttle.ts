import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  defaultSignInThrottlePolicy,
  throttleKey,
  verdictFor,
  type SignInThrottle,
  type SignInThrottlePolicy,
  type ThrottleVerdict,
} from '../sign-in-throttle.port.js';

export interface RedisSignInThrottleOptions {
  /** Namespace of every key, e.g. `orikaeshi:` (tests use one per run). */
  prefix: string;
  policy?: SignInThrottlePolicy;
}

/**
 * Failed sign-ins shared by every API instance: one sorted set per login (scores = failure times), trimmed to
 * the window and expiring with it, so an attacker spreading tries over instances meets the same count.
 */
export class RedisSignInThrottle implements SignInThrottle {
  private readonly policy: SignInThrottlePolicy;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisSignInThrottleOptions,
    private readonly ownsConnection = false,
  ) {
    this.policy = options.policy ?? defaultSignInThrottlePolicy;
  }

  static connect(url: string, options: RedisSignInThrottleOptions): RedisSignInThrottle {
    return new RedisSignInThrottle(new Redis(url, { maxRetriesPerRequest: 2 }), options, true);
  }

  private key(login: string): string {
    return `${this.options.prefix}sign-in-failures:${throttleKey(login)}`;
  }

  async check(login: string, now: Date): Promise<ThrottleVerdict> {
    const at = now.getTime();
    const flat = await this.redis.zrangebyscore(this.key(login), `(${at - this.policy.windowMs}`, '+inf', 'WITHSCORES');
    // Members and scores alternate; the scores are the failure times.
    const failures = flat.filter((_, i) => i % 2 === 1).map(Number);
    return verdictFor(failures, at, this.policy);
  }

  async recordFailure(login: string, now: Date): Promise<void> {
    const at = now.getTime();
    const key = this.key(login);
    // Members must be unique for two failures in the same millisecond to count twice.
    await this.redis
      .multi()
      .zremrangebyscore(key, '-inf', at - this.policy.windowMs)
      .zadd(key, at, `${at}:${randomBytes(6).toString('hex')}`)
      .pexpire(key, this.policy.windowMs)
      .exec();
  }

  async clear(login: string): Promise<void> {
    await this.redis.del(this.key(login));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }
}
