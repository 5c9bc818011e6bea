import { z } from 'zod';
import { type AsyncSearchState, type ExistingAsyncSearch, searchCriteriaKeys } from '#domain';
import type { AsyncSearchListRow } from '#read-store';

// Values are checked by the domain's parseSearchCriteria, so its errors name `criteria.<field>`;
// zod only refuses keys GET /callbacks does not know.
const criteria = z.strictObject(
  Object.fromEntries(searchCriteriaKeys.map((key) => [key, z.unknown().optional()])) as Record<
    (typeof searchCriteriaKeys)[number],
    z.ZodOptional<z.ZodUnknown>
  >,
);

export const requestAsyncSearchBody = z.strictObject({
  criteria: criteria.default({}),
  memo: z.string().max(10_000).nullable().optional(),
  notify: z.boolean().optional(),
  encoding: z.enum(['utf-8', 'shift_jis']).optional(),
});

export type RequestAsyncSearchBody = z.output<typeof requestAsyncSearchBody>;

/** One row of the asynchronous-search screen (api.md); outcome fields only once there is one. */
export interface AsyncSearchItem {
  id: string;
  requestedAt: string;
  status: ExistingAsyncSearch['status'];
  memo: string;
  criteria: ExistingAsyncSearch['request']['criteria'];
  encoding: ExistingAsyncSearch['request']['encoding'];
  notify: boolean;
  rowCount?: number;
  byteSize?: number;
  finishedAt?: string;
  error?: string;
}

function withOutcome(
  item: AsyncSearchItem,
  outcome: { rowCount: number | null; byteSize: number | null; finishedAt: string | null; error: string | null },
): AsyncSearchItem {
  if (outcome.rowCount !== null) item.rowCount = outcome.rowCount;
  if (outcome.byteSize !== null) item.byteSize = outcome.byteSize;
  if (outcome.finishedAt !== null) item.finishedAt = outcome.finishedAt;
  if (outcome.error !== null) item.error = outcome.error;
  return item;
}

/** From the list view (GET /async-searches). */
export function itemOfRow(row: AsyncSearchListRow): AsyncSearchItem {
  const { id, requestedAt, status, memo, criteria, encoding, notify } = row;
  return withOutcome({ id, requestedAt, status, memo, criteria, encoding, notify }, row);
}

/** From the aggregate itself (GET /async-searches/{id}: current even before the view caught up). */
export function itemOfState(state: ExistingAsyncSearch): AsyncSearchItem {
  const { asyncSearchId: id, requestedAt, memo, criteria, encoding, notify } = state.request;
  return withOutcome({ id, requestedAt, status: state.status, memo, criteria, encoding, notify }, state);
}

export function isExisting(state: AsyncSearchState): state is ExistingAsyncSearch {
  return state.status !== 'absent' && state.status !== 'deleted';
}
