import { describe, expect, it } from '@jest/globals';
import type { LiveChangesFeed, NewLiveChange } from './live-changes-feed.port.js';

/** Opens an empty feed. */
export type OpenLiveChangesFeed = () => Promise<LiveChangesFeed>;

export const callbackChanged = (id: string, version: number): NewLiveChange => ({
  kind: 'callback.changed',
  id,
  version,
  ownerAccountId: null,
  payload: { id, version },
});

export const asyncSearchUpdated = (id: string, version: number, owner: string, status: string): NewLiveChange => ({
  kind: 'asyncsearch.updated',
  id,
  version,
  ownerAccountId: owner,
  payload: { id, status },
});

/** The behaviour every LiveChangesFeed adapter must show; each adapter's spec runs it. */
export function describeLiveChangesFeedContract(adapter: string, openFeed: OpenLiveChangesFeed): void {
  describe(`LiveChangesFeed contract: ${adapter}`, () => {
    const t0 = new Date('2026-04-01T09:00:00.000Z');

    it('starts empty at seq 0', async () => {
      const feed = await openFeed();
      expect(await feed.latestSeq()).toBe(0);
      expect(await feed.readAfter(0, 10)).toEqual([]);
    });

    it('gives changes back in order with increasing seqs, after a seq and up to a limit', async () => {
      const feed = await openFeed();
      await feed.append([callbackChanged('cb-1', 1), asyncSearchUpdated('as-1', 1, 'acc-1', 'pending')], t0);
      await feed.append([callbackChanged('cb-1', 2)], t0);

      const all = await feed.readAfter(0, 10);
      expect(all.map((change) => [change.seq, change.kind, change.id, change.version])).toEqual([
        [1, 'callback.changed', 'cb-1', 1],
        [2, 'asyncsearch.updated', 'as-1', 1],
        [3, 'callback.changed', 'cb-1', 2],
      ]);
      expect(all[1]).toEqual({
        seq: 2,
        kind: 'asyncsearch.updated',
        id: 'as-1',
        version: 1,
        ownerAccountId: 'acc-1',
        payload: { id: 'as-1', status: 'pending' },
        recordedAt: t0,
      });
      expect((await feed.readAfter(1, 1)).map((change) => change.seq)).toEqual([2]);
      expect(await feed.readAfter(3, 10)).toEqual([]);
      expect(await feed.latestSeq()).toBe(3);
    });

    it('prunes changes older than the window without ever reusing a seq', async () => {
      const feed = await openFeed();
      await feed.append([callbackChanged('cb-1', 1), callbackChanged('cb-2', 1)], t0);
      await feed.append([callbackChanged('cb-3', 1)], new Date(t0.getTime() + 60_000));

      expect(await feed.prune(new Date(t0.getTime() + 1))).toBe(2);
      expect((await feed.readAfter(0, 10)).map((change) => change.id)).toEqual(['cb-3']);
      expect(await feed.prune(new Date(t0.getTime() + 120_000))).toBe(1);
      expect(await feed.latestSeq()).toBe(3);
      await feed.append([callbackChanged('cb-4', 1)], t0);
      expect((await feed.readAfter(0, 10)).map((change) => change.seq)).toEqual([4]);
    });

    it('appending nothing changes nothing', async () => {
      const feed = await openFeed();
      await feed.append([], t0);
      expect(await feed.latestSeq()).toBe(0);
    });
  });
}
