import { CALLBACK_RETENTION, type CallbackRetention } from './callback-retention.port.js';
import { ACCOUNT_LIST, type AccountList } from './projections/account-list.port.js';
import { ASYNC_SEARCH_LIST, type AsyncSearchList } from './projections/async-search-list.port.js';
import { CALLBACK_CHOICES, type CallbackChoices } from './projections/callback-choices.port.js';
import { CALLBACK_SEARCH, type CallbackSearch } from './projections/callback-search.port.js';
import { CALLBACK_STATS, type CallbackStats } from './projections/callback-stats.port.js';
import { LINKED_RECORDINGS, type LinkedRecordings } from './projections/linked-recordings.port.js';
import { PROJECTION_STORE, type ProjectionStore } from './read-store.port.js';

/**
 * The narrow ports a read store adapter offers, each its own object: a use case injects the one token it
 * reads (CALLBACK_SEARCH, ACCOUNT_LIST, …), the projector PROJECTION_STORE, the sweeper CALLBACK_RETENTION.
 */
export interface ReadPorts {
  callbackSearch: CallbackSearch;
  callbackChoices: CallbackChoices;
  linkedRecordings: LinkedRecordings;
  callbackStats: CallbackStats;
  asyncSearchList: AsyncSearchList;
  accountList: AccountList;
  projectionStore: ProjectionStore;
  callbackRetention: CallbackRetention;
}

/** The injection token of each port (the hosts bind each to the opened adapter's port). */
export const readPortTokens: { readonly [Port in keyof ReadPorts]: symbol } = {
  callbackSearch: CALLBACK_SEARCH,
  callbackChoices: CALLBACK_CHOICES,
  linkedRecordings: LINKED_RECORDINGS,
  callbackStats: CALLBACK_STATS,
  asyncSearchList: ASYNC_SEARCH_LIST,
  accountList: ACCOUNT_LIST,
  projectionStore: PROJECTION_STORE,
  callbackRetention: CALLBACK_RETENTION,
};

/** An opened read store adapter: its ports, and what only its owner (the process, a test) does with it. */
export interface ReadStoreAdapter {
  readonly ports: ReadPorts;
  /** SHA-256 over every row of every view of the active generation, in key order. */
  digest(): Promise<string>;
  close(): Promise<void>;
}
