import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeSignInThrottleContract } from '../sign-in-throttle.contract.js';
import { RedisSignInThrottle } from './redis-sign-in-throttle.js';

// Redis is real on our machines: this suite always runs against it, under a prefix of its own.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `orikaeshi-test-${randomUUID()}:`;
let throttleNumber = 0;
const redis = new Redis(redisUrl);

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

describeSignInThrottleContract('Redis', async (policy) =>
  RedisSignInThrottle.connect(redisUrl, { prefix: `${runPrefix}${(throttleNumber += 1)}:`, policy }),
);

describe('RedisSignInThrottle', () => {
  it('shares the count between instances and keeps no login in clear', async () => {
    const prefix = `${runPrefix}shared:`;
    const one = RedisSignInThrottle.connect(redisUrl, { prefix });
    const two = RedisSignInThrottle.connect(redisUrl, { prefix });
    const now = new Date();
    for (let i = 0; i < 3; i += 1) await one.recordFailure('sato@example.com', now);
    for (let i = 0; i < 2; i += 1) await two.recordFailure('sato@example.com', now);
    expect(await one.check('sato@example.com', now)).toMatchObject({ allowed: false });
    const [keys] = [await redis.keys(`${prefix}*`)];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('sato');
    expect(await redis.pttl(keys[0] as string)).toBeGreaterThan(0);
    await Promise.all([one.close(), two.close()]);
  });
});
