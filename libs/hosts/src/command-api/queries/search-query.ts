import { z } from 'zod';
import { type SearchCriteria, parseSearchCriteria, searchCriteriaKeys } from '#domain';
import type { CallbackSort } from '#read-store';
import { parseWith } from '../http/body.js';

const value = z.string().max(1_000);
const positiveInteger = (max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

const criteriaShape = Object.fromEntries(searchCriteriaKeys.map((key) => [key, value.optional()])) as Record<
  (typeof searchCriteriaKeys)[number],
  z.ZodOptional<typeof value>
>;

/** The query string of `GET /callbacks` and `GET /callbacks.csv`: criteria, paging, sort; nothing else. */
const listQuery = z.strictObject({
  ...criteriaShape,
  page: positiveInteger(1_000_000).optional(),
  pageSize: positiveInteger(200).optional(),
  sort: z.enum(['registeredAt', '-registeredAt']).optional(),
  encoding: z.enum(['utf-8', 'shift_jis']).optional(),
});

export interface ListQuery {
  criteria: SearchCriteria;
  page: number;
  pageSize: number;
  sort: CallbackSort;
  encoding: 'utf-8' | 'shift_jis';
}

/** Validates the query string (repeated or unknown keys are refused) and the criteria's meaning. */
export function parseListQuery(raw: unknown): ListQuery {
  const query = parseWith(listQuery, raw ?? {});
  const { page, pageSize, sort, encoding, ...criteria } = query;
  return {
    criteria: parseSearchCriteria(criteria),
    page: page ?? 1,
    pageSize: pageSize ?? 50,
    sort: sort ?? '-registeredAt',
    encoding: encoding ?? 'utf-8',
  };
}
