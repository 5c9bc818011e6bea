import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeSessionStoreContract } from '../session-store.contract.js';
import { RedisSessionStore } from './redis-session-store.js';

// Redis is real on our machines: this suite always runs against it, under a prefix of its own.
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const runPrefix = `orikaeshi-test-${randomUUID()}:`;
let storeNumber = 0;
const redis = new Redis(redisUrl);

async function keysUnder(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

async function dumpUnder(prefix: string): Promise<string> {
  const entries: unknown[] = [];
  for (const key of await keysUnder(prefix)) {
    const type = await redis.type(key);
    entries.push([key, type === 'hash' ? await redis.hgetall(key) : await redis.smembers(key)]);
  }
  return JSON.stringify(entries);
}

afterAll(async () => {
  const keys = await keysUnder(runPrefix);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describeSessionStoreContract('Redis', async (policy) => {
  const prefix = `${runPrefix}${(storeNumber += 1)}:`;
  return { store: RedisSessionStore.connect(redisUrl, { prefix, policy }), dump: () => dumpUnder(prefix) };
});

describe('RedisSessionStore', () => {
  it('lets Redis expire a session no later than its idle end, and is shared by two instances', async () => {
    const prefix = `${runPrefix}shared:`;
    const one = RedisSessionStore.connect(redisUrl, { prefix });
    const two = RedisSessionStore.connect(redisUrl, { prefix });
    const { sessionId } = await one.open('acc-1', new Date());
    expect(await two.resolve(sessionId, new Date())).toMatchObject({ accountId: 'acc-1' });
    const [sessionKey] = (await keysUnder(`${prefix}session:`)) as [string];
    const ttl = await redis.pttl(sessionKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(8 * 60 * 60 * 1000);
    await two.revoke(sessionId);
    expect(await one.resolve(sessionId, new Date())).toBeNull();
    await Promise.all([one.close(), two.close()]);
  });
});
