import type { AsyncSearchListRow } from './async-search-list.projection.js';

/** The asynchronous-search screen (非同期検索) over its view. */
export interface AsyncSearchList {
  /** The owner's asynchronous searches, newest first. */
  listAsyncSearches(ownerId: string): Promise<AsyncSearchListRow[]>;
  getAsyncSearch(asyncSearchId: string): Promise<AsyncSearchListRow | null>;
}

export const ASYNC_SEARCH_LIST = Symbol('ASYNC_SEARCH_LIST');
