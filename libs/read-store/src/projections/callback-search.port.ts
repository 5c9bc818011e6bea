import type { SearchCriteria } from '#domain';
import type { CallbackView } from '../callback-view.js';
import type { Narrowing } from '../search-filter.js';

export type CallbackSort = 'registeredAt' | '-registeredAt';

export interface CallbackSearchRequest {
  criteria: SearchCriteria;
  narrowing?: Narrowing;
  /** Default `-registeredAt` (newest first). Ties are ordered by id, so paging is stable. */
  sort?: CallbackSort;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** 検索上限: more matches than this throws `SearchLimitExceededError`. */
  cap: number;
}

export interface CallbackSearchResult {
  items: CallbackView[];
  /** Every match (never more than the cap). */
  total: number;
}

/** A synchronous search or CSV matched more rows than the search cap (HTTP 422 SEARCH_LIMIT_EXCEEDED). */
export class SearchLimitExceededError extends Error {
  readonly code = 'SEARCH_LIMIT_EXCEEDED';
  constructor(
    readonly cap: number,
    /** At least this many rows match (counting stopped at cap + 1). */
    readonly matchedAtLeast: number,
  ) {
    super(`the search matches more than ${cap} callbacks (the search cap); use an asynchronous search`);
    this.name = 'SearchLimitExceededError';
  }
}

/** The callback list, detail and CSV over the callback view (queries always read the active generation). */
export interface CallbackSearch {
  /** Counts at most cap + 1 matches before fetching a row; throws `SearchLimitExceededError` beyond the cap. */
  search(request: CallbackSearchRequest): Promise<CallbackSearchResult>;
  /** Matches, counting no further than `limit` when given. */
  count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number>;
  /** Every match in order, in constant memory (CSV export, async search: no cap). */
  stream(criteria: SearchCriteria, narrowing?: Narrowing, sort?: CallbackSort): AsyncIterable<CallbackView>;
  get(callbackId: string): Promise<CallbackView | null>;
}

export const CALLBACK_SEARCH = Symbol('CALLBACK_SEARCH');
