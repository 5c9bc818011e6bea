import { describe, expect, it } from '@jest/globals';
import type { CallbackStats, CallbackStatsGroup, CallbackStatsQuery } from '#read-store';
import { GetCallbackStatsHandler } from './get-callback-stats.handler.js';
import { GetCallbackStatsQuery } from './get-callback-stats.query.js';

describe('get-callback-stats', () => {
  it('answers the statistics view for the period and grouping asked', async () => {
    const asked: CallbackStatsQuery[] = [];
    const groups = [{ key: '東京', registered: 3 } as unknown as CallbackStatsGroup];
    const stats: CallbackStats = { callbackStats: async (query) => (asked.push(query), groups) };
    const query: CallbackStatsQuery = { from: '2026-11-01', to: '2026-11-30', groupBy: 'callCenter' };
    expect(await new GetCallbackStatsHandler(stats).execute(new GetCallbackStatsQuery(query))).toBe(groups);
    expect(asked).toEqual([query]);
  });
});
