import { afterAll, describe, expect, it } from '@jest/globals';
import type { CallbackRetention } from '#read-store';
import { ChangeSettingsCommand } from '../change-settings/change-settings.command.js';
import { ChangeSettingsHandler } from '../change-settings/change-settings.handler.js';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { RetentionPolicy } from './retention-policy.js';
import { RetentionSweeper } from './sweep-expired-callbacks.handler.js';

const dayMs = 24 * 60 * 60 * 1000;

describe('sweep-expired-callbacks', () => {
  const f = useCaseFixture();
  afterAll(() => f.close());

  it('deletes the streams and view rows of callbacks registered before the retention, and keeps the rest', async () => {
    const registeredAt = new Map<string, string>();
    const register = async () => {
      const id = await registeredCallback(f);
      registeredAt.set(id, f.clock.now().toISOString());
      return id;
    };
    const old = await register();
    f.clock.advance(40 * dayMs);
    const recent = await register();
    await new ChangeSettingsHandler(f.aggregates, f.clock).execute(
      new ChangeSettingsCommand({ retentionDays: 30 }, f.issuedBy(null, ['admin'])),
    );
    const views: CallbackRetention = {
      async findRegisteredBefore(cutoff, limit) {
        return [...registeredAt]
          .filter(([, at]) => at < cutoff)
          .map(([id]) => id)
          .slice(0, limit);
      },
      async deleteCallbacks(ids) {
        for (const id of ids) registeredAt.delete(id);
      },
    };
    const sweeper = new RetentionSweeper(f.eventStore, views, new RetentionPolicy(f.eventStore, f.clock));
    expect(await sweeper.sweep()).toBe(1);
    expect(await f.eventStore.readStream(`callback-${old}`)).toEqual([]);
    expect(await f.eventStore.readStream(`callback-${recent}`)).toHaveLength(1);
    expect([...registeredAt.keys()]).toEqual([recent]);
  });

  it('deletes a large backlog in transactions of at most 50 callbacks in each store', async () => {
    const registered: string[] = [];
    for (let i = 0; i < 120; i++) registered.push(await registeredCallback(f));
    f.clock.advance(400 * dayMs);
    const viewDeletes: number[] = [];
    const streamDeletes: number[] = [];
    const views: CallbackRetention = {
      async findRegisteredBefore(_cutoff, limit) {
        return registered.slice(0, limit);
      },
      async deleteCallbacks(ids) {
        viewDeletes.push(ids.length);
        registered.splice(0, ids.length);
      },
    };
    const eventStore = new Proxy(f.eventStore, {
      get(target, property, receiver) {
        if (property === 'deleteStreams')
          return (names: readonly string[]) => (streamDeletes.push(names.length), target.deleteStreams(names));
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const sweeper = new RetentionSweeper(eventStore, views, new RetentionPolicy(f.eventStore, f.clock));
    expect(await sweeper.sweep()).toBe(120);
    expect(viewDeletes).toEqual([50, 50, 20]);
    expect(streamDeletes).toEqual([50, 50, 20]);
  });
});
