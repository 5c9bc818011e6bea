import type { CallbackStatsGroup, CallbackStatsQuery } from '../stats.js';

/** `GET /stats/callbacks` over the statistics view. */
export interface CallbackStats {
  callbackStats(query: CallbackStatsQuery): Promise<CallbackStatsGroup[]>;
}

export const CALLBACK_STATS = Symbol('CALLBACK_STATS');
