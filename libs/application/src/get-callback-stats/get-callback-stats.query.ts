import type { CallbackStatsQuery } from '#read-store';

/** 統計: registered, completed, open, unassigned and time-to-complete p50/p90 per group. */
export class GetCallbackStatsQuery {
  constructor(readonly request: CallbackStatsQuery) {}
}
