import { createHash } from 'node:crypto';
import type { CallbackView } from './callback-view.js';
import { type AccountListRow, accountListProjection } from './projections/account-list.projection.js';
import { asyncSearchListProjection, type AsyncSearchListRow } from './projections/async-search-list.projection.js';
import { type CallbackStatsRow, createCallbackStatsProjection } from './projections/callback-stats.projection.js';
import { callbackViewProjection } from './projections/callback-view.projection.js';
import type { Projection } from './projections/projection.js';
import type { ReadProjectionName } from './read-store.port.js';

/**
 * The views the read store holds, built for one display time zone (the statistics' `day` depends on it).
 * A new view is one fold in `projections/` registered here; each adapter then gives it a table or collection.
 */
export interface ReadProjections {
  callbacks: Projection<CallbackView, 'callbacks'>;
  callbackStats: Projection<CallbackStatsRow, 'callbackStats'>;
  asyncSearches: Projection<AsyncSearchListRow, 'asyncSearches'>;
  accounts: Projection<AccountListRow, 'accounts'>;
}

export const readProjectionNames: readonly ReadProjectionName[] = [
  'callbacks',
  'callbackStats',
  'asyncSearches',
  'accounts',
];

export function createReadProjections(displayTimeZone: string): ReadProjections {
  return {
    callbacks: callbackViewProjection,
    callbackStats: createCallbackStatsProjection(displayTimeZone),
    asyncSearches: asyncSearchListProjection,
    accounts: accountListProjection,
  };
}

export function projectionVersions(projections: ReadProjections): Record<ReadProjectionName, number> {
  return Object.fromEntries(readProjectionNames.map((name) => [name, projections[name].version])) as Record<
    ReadProjectionName,
    number
  >;
}

export function sameVersions(a: Record<string, number>, b: Record<string, number>): boolean {
  return readProjectionNames.every((name) => a[name] === b[name]);
}

/** JSON with object keys sorted, so equal views hash equally whatever order their fields were set in. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Incremental digest of views: feed rows view by view in key order. */
export class ViewDigest {
  private readonly hash = createHash('sha256');

  add(view: ReadProjectionName, key: string, revision: number, row: unknown): void {
    this.hash.update(`${view}\u0000${key}\u0000${revision}\u0000${stableStringify(row)}\n`);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
