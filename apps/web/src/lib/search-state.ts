/** The search as the URL holds it: the same keys as `GET /callbacks`, so a copied URL opens the same search. */
export const criteriaKeys = [
  'from',
  'to',
  'callCenter',
  'businessLabel',
  'agent',
  'status',
  'callerNumber',
  'ourNumber',
  'requestId',
] as const;

export type CriteriaKey = (typeof criteriaKeys)[number];
export type Criteria = Partial<Record<CriteriaKey, string>>;
export type Sort = 'registeredAt' | '-registeredAt';

export interface SearchState {
  criteria: Criteria;
  q: string;
  page: number;
  pageSize: number;
  sort: Sort;
}

export const defaultPageSize = 50;
export const maxPageSize = 200;
export const pageSizeChoices = [20, 50, 100, 200] as const;

function positiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  const value = Number(raw);
  return value >= 1 ? Math.min(value, max) : fallback;
}

/** Reads a search from a query string; anything malformed falls back to the default rather than failing. */
export function searchStateFromParams(params: URLSearchParams): SearchState {
  const criteria: Criteria = {};
  for (const key of criteriaKeys) {
    const value = params.get(key)?.trim();
    if (value) criteria[key] = value;
  }
  return {
    criteria,
    q: params.get('q') ?? '',
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), defaultPageSize, maxPageSize),
    sort: params.get('sort') === 'registeredAt' ? 'registeredAt' : '-registeredAt',
  };
}

/** The inverse of searchStateFromParams; defaults are left out so URLs stay short. */
export function searchStateToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of criteriaKeys) {
    const value = state.criteria[key]?.trim();
    if (value) params.set(key, value);
  }
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.page !== 1) params.set('page', String(state.page));
  if (state.pageSize !== defaultPageSize) params.set('pageSize', String(state.pageSize));
  if (state.sort !== '-registeredAt') params.set('sort', state.sort);
  return params;
}

/** Criteria alone (for CSV and 非同期検索, which take no paging). */
export function criteriaToParams(criteria: Criteria, q = ''): URLSearchParams {
  return searchStateToParams({ criteria, q, page: 1, pageSize: defaultPageSize, sort: '-registeredAt' });
}

export function criteriaFromParams(params: URLSearchParams): Criteria {
  return searchStateFromParams(params).criteria;
}
