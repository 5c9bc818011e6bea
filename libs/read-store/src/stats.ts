/** `GET /stats/callbacks`: per group counts and exact time-to-complete percentiles. */
export const statsGroupings = ['callCenter', 'businessLabel', 'agent', 'day'] as const;
export type StatsGroupBy = (typeof statsGroupings)[number];

export interface CallbackStatsQuery {
  /** Same forms as the search's period: `YYYY-MM-DD` (a whole day in the display zone) or a date-time. */
  from?: string;
  to?: string;
  groupBy: StatsGroupBy;
}

export interface CallbackStatsGroup {
  /** The group's value; null = no business label / no agent. */
  key: string | null;
  /** Callbacks registered in the period. */
  registered: number;
  completed: number;
  /** Still incomplete. */
  open: number;
  /** Incomplete and without an agent: the backlog nobody has taken yet. */
  unassigned: number;
  /** Time to complete (registration → completion) in seconds, over the completed ones; null when none. */
  p50: number | null;
  p90: number | null;
}

/** What an adapter gathers per group before the shared finishing step. */
export interface StatsAccumulator {
  key: string | null;
  registered: number;
  completed: number;
  open: number;
  unassigned: number;
  /** Seconds to complete of the group's completed callbacks, ascending. */
  sortedSeconds: number[];
}

/**
 * Exact percentile by linear interpolation between closest ranks (as SQL `percentile_cont`):
 * rank = p·(n−1). Exact because every value is kept; the stats rows make that affordable.
 */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  if (sortedValues.length === 0) return null;
  const rank = p * (sortedValues.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const value = sortedValues[lower] + (sortedValues[upper] - sortedValues[lower]) * (rank - lower);
  return Math.round(value * 1000) / 1000;
}

/** Groups ordered by key (null last) so every adapter answers identically. */
export function finishStats(accumulators: Iterable<StatsAccumulator>): CallbackStatsGroup[] {
  return [...accumulators]
    .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1))
    .map(({ sortedSeconds, ...counts }) => ({
      ...counts,
      p50: percentile(sortedSeconds, 0.5),
      p90: percentile(sortedSeconds, 0.9),
    }));
}
