import type { Collection, Document } from 'mongodb';
import type { CallbackStats } from '../projections/callback-stats.port.js';
import { toPeriod } from '../search-filter.js';
import { type CallbackStatsGroup, type CallbackStatsQuery, type StatsAccumulator, finishStats } from '../stats.js';
import type { MongoCollections } from './mongo-views.js';

/**
 * Counts by `$group` over the `registeredAt` index; durations streamed by a cursor (not `$push`, whose
 * result document is capped at 16 MB) and sorted per group for exact percentiles.
 */
export async function mongoCallbackStats(
  stats: Collection<Document>,
  query: CallbackStatsQuery,
  timeZone: string,
): Promise<CallbackStatsGroup[]> {
  const field = query.groupBy;
  if (!['callCenter', 'businessLabel', 'agent', 'day'].includes(field)) {
    throw new RangeError(`unknown groupBy ${String(field)}`);
  }
  const period = toPeriod(query.from, query.to, timeZone);
  const match: Document = {};
  if (period.registeredFrom || period.registeredBefore) {
    match.registeredAt = {
      ...(period.registeredFrom ? { $gte: period.registeredFrom } : {}),
      ...(period.registeredBefore ? { $lt: period.registeredBefore } : {}),
    };
  }
  const open = { $eq: ['$status', 'incomplete'] };
  const counts = await stats
    .aggregate<Omit<StatsAccumulator, 'sortedSeconds' | 'key'> & { _id: string | null }>([
      { $match: match },
      {
        $group: {
          _id: `$${field}`,
          registered: { $sum: 1 },
          completed: { $sum: { $cond: [{ $eq: ['$status', 'complete'] }, 1, 0] } },
          open: { $sum: { $cond: [open, 1, 0] } },
          unassigned: { $sum: { $cond: [{ $and: [open, { $eq: ['$agent', null] }] }, 1, 0] } },
        },
      },
    ])
    .toArray();
  const groups = new Map<string | null, StatsAccumulator>();
  for (const { _id, ...row } of counts) groups.set(_id ?? null, { key: _id ?? null, ...row, sortedSeconds: [] });
  const durations = stats.find(
    { ...match, secondsToComplete: { $ne: null } },
    { projection: { [field]: 1, secondsToComplete: 1 } },
  );
  for await (const doc of durations) {
    groups.get((doc[field] as string | null) ?? null)?.sortedSeconds.push(doc.secondsToComplete as number);
  }
  for (const group of groups.values()) group.sortedSeconds.sort((a, b) => a - b);
  return finishStats(groups.values());
}

/** `CallbackStats` on the active generation's statistics collection. */
export class MongoCallbackStats implements CallbackStats {
  constructor(
    private readonly collections: MongoCollections,
    private readonly timeZone: string,
  ) {}

  async callbackStats(query: CallbackStatsQuery): Promise<CallbackStatsGroup[]> {
    return mongoCallbackStats((await this.collections.of()).callbackStats, query, this.timeZone);
  }
}
