import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '#event-store';
import { systemClock } from '#runtime';
import { Projector, type ProjectorPorts } from './projector.js';

// EventStoreDB positions pack commit and prepare positions, so subtracting them means nothing: the
// behind-head gauge is in the store's own unit (events on SQLite, log bytes on EventStoreDB).
describe('Projector.status', () => {
  it('asks the event store how far each projection is behind the newest event', async () => {
    const asked: Array<[bigint | null, bigint | null]> = [];
    const store = {
      headPosition: async () => (7n << 64n) | 5n,
      behindHead: (position: bigint | null, head: bigint | null) => {
        asked.push([position, head]);
        return 1_200n;
      },
    } as unknown as EventStore;
    const projector = new Projector(store, {} as ProjectorPorts, systemClock);
    const statuses = await projector.status();
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status.behindHead).toBe('1200');
    expect(asked[0]).toEqual([null, (7n << 64n) | 5n]);
  });
});
