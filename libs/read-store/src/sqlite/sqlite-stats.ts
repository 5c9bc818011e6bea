import { toPeriod } from '../search-filter.js';
import { type CallbackStatsGroup, type CallbackStatsQuery, type StatsAccumulator, finishStats } from '../stats.js';
import type { TableNames } from './sqlite-schema.js';
import type { Prepare } from './sqlite-views.js';

const groupColumns = {
  callCenter: 'call_center',
  businessLabel: 'business_label',
  agent: 'agent',
  day: 'day',
} as const;

/**
 * Counts by SQL aggregate over the `registered_at` index; percentiles from every completed duration of
 * the period, read in (group, seconds) order so each group's list arrives sorted.
 */
export function sqliteCallbackStats(
  prepare: Prepare,
  t: TableNames,
  query: CallbackStatsQuery,
  timeZone: string,
): CallbackStatsGroup[] {
  const group = groupColumns[query.groupBy];
  if (!group) throw new RangeError(`unknown groupBy ${String(query.groupBy)}`);
  const period = toPeriod(query.from, query.to, timeZone);
  const conditions: string[] = [];
  const params: string[] = [];
  if (period.registeredFrom) {
    conditions.push('registered_at >= ?');
    params.push(period.registeredFrom);
  }
  if (period.registeredBefore) {
    conditions.push('registered_at < ?');
    params.push(period.registeredBefore);
  }
  const where = conditions.length > 0 ? conditions.join(' AND ') : '1';
  const counts = prepare(
    `SELECT ${group} AS key, count(*) AS registered,
       sum(status = 'complete') AS completed,
       sum(status = 'incomplete') AS open,
       sum(status = 'incomplete' AND agent IS NULL) AS unassigned
     FROM ${t.callbackStats} WHERE ${where} GROUP BY ${group}`,
  ).all(...params) as Omit<StatsAccumulator, 'sortedSeconds'>[];
  const groups = new Map<string | null, StatsAccumulator>();
  for (const row of counts) groups.set(row.key, { ...row, sortedSeconds: [] });
  const durations = prepare(
    `SELECT ${group} AS key, seconds_to_complete AS seconds FROM ${t.callbackStats}
     WHERE ${where} AND seconds_to_complete IS NOT NULL ORDER BY ${group}, seconds_to_complete`,
  ).iterate(...params) as Iterable<{ key: string | null; seconds: number }>;
  for (const row of durations) groups.get(row.key)?.sortedSeconds.push(row.seconds);
  return finishStats(groups.values());
}
