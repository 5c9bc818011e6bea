import type { SearchCriteria } from '#domain';
import type { CallbackView } from './callback-view.js';
import type { RecordedEvent } from '#event-store';
import type { AsyncSearchListRow } from './projections/async-search-list.projection.js';
import type { Narrowing } from './search-filter.js';
import type { CallbackStatsGroup, CallbackStatsQuery } from './stats.js';

export type ReadProjectionName = 'callbacks' | 'callbackStats' | 'asyncSearches';
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

/** The callback list, detail and CSV (queries always read the active generation). */
export interface CallbackSearch {
  /** Counts at most cap + 1 matches before fetching a row; throws `SearchLimitExceededError` beyond the cap. */
  search(request: CallbackSearchRequest): Promise<CallbackSearchResult>;
  /** Matches, counting no further than `limit` when given. */
  count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number>;
  /** Every match in order, in constant memory (CSV export, async search: no cap). */
  stream(criteria: SearchCriteria, narrowing?: Narrowing, sort?: CallbackSort): AsyncIterable<CallbackView>;
  get(callbackId: string): Promise<CallbackView | null>;
}

export interface CallbackStats {
  callbackStats(query: CallbackStatsQuery): Promise<CallbackStatsGroup[]>;
}

/** The values the search form offers: what the callback views hold now, each list in code-point order. */
export interface SearchChoices {
  callCenters: string[];
  businessLabels: string[];
  /** Agents assigned to some callback (未割当 is the form's own choice, not a value). */
  agents: string[];
}

export interface CallbackChoices {
  /** Read from the indexes of the callback view (a few index seeks per value, never a scan of the rows). */
  searchChoices(): Promise<SearchChoices>;
}

export interface AsyncSearchList {
  /** The owner's asynchronous searches, newest first. */
  listAsyncSearches(ownerId: string): Promise<AsyncSearchListRow[]>;
  getAsyncSearch(asyncSearchId: string): Promise<AsyncSearchListRow | null>;
}

export type ProjectionTarget = 'active' | 'rebuild';

export interface ApplyOptions {
  /** Stored with the rows in the same transaction (SQLite) or right after them (MongoDB). */
  checkpoint?: bigint;
  /** Default `active`; `rebuild` writes the generation being rebuilt. */
  target?: ProjectionTarget;
  /** Callback views registered before this instant are not (re)created: retention deleted them. */
  retentionCutoff?: string;
}

export interface ApplyResult {
  /** Rows written or removed; the rest of the events were duplicates or not for this view. */
  changed: number;
}

/** The projector's side: rows through the revision guard, checkpoints, rebuilds. */
export interface ProjectionStore {
  readonly projectionNames: readonly ReadProjectionName[];
  /** Applies the events (in order) and the checkpoint atomically; events not for the view only move the checkpoint. */
  applyEvents(
    projection: ReadProjectionName,
    events: readonly RecordedEvent[],
    options?: ApplyOptions,
  ): Promise<ApplyResult>;
  /** Position after which the projection resumes; null = from the start. */
  getCheckpoint(projection: ReadProjectionName, target?: ProjectionTarget): Promise<bigint | null>;
  setCheckpoint(projection: ReadProjectionName, position: bigint, target?: ProjectionTarget): Promise<void>;
  /**
   * Creates a new, empty generation of every view (with empty checkpoints) beside the serving one.
   * Resumes the generation already being rebuilt, if any.
   */
  beginRebuild(): Promise<RebuildStatus>;
  /**
   * Optional: builds the indexes of the generation being rebuilt when its rows were loaded without them,
   * so the final catch-up and the swap (under the write lock) do not wait for it; `commitRebuild` builds
   * them otherwise.
   */
  indexRebuild?(): Promise<void>;
  /** Makes the rebuilt generation the active one in one atomic step, then drops the old one. */
  commitRebuild(): Promise<RebuildStatus>;
  /** Drops the generation being rebuilt; the active one is untouched. */
  abortRebuild(): Promise<RebuildStatus>;
  rebuildStatus(): Promise<RebuildStatus>;
}

export interface RebuildStatus {
  activeGeneration: number;
  rebuildingGeneration: number | null;
  /** Projection versions the active generation was built with; differing from the code's = rebuild needed. */
  activeVersions: Record<ReadProjectionName, number>;
  stale: boolean;
}

/** The retention sweeper's side: deleted rows never come back (a tombstone outranks every event). */
export interface CallbackRetention {
  /** Callback ids registered before the cutoff, oldest first. */
  findRegisteredBefore(cutoffIso: string, limit: number): Promise<string[]>;
  /** Removes the callbacks from every view of every generation. */
  deleteCallbacks(callbackIds: readonly string[]): Promise<void>;
}

/** A callback whose view shows a linked recording. */
export interface LinkedRecording {
  callbackId: string;
  recordingId: string;
  registeredAt: string;
}

/** The recording cap and the bulk download read which recordings are linked. */
export interface LinkedRecordings {
  /** Callbacks showing a linked recording, oldest registration first (ties by id); only those in [from, to) when given. */
  findLinkedRecordings(period?: { from?: string; to?: string }): Promise<LinkedRecording[]>;
}

export interface ReadStore
  extends
    CallbackSearch,
    CallbackChoices,
    CallbackStats,
    AsyncSearchList,
    ProjectionStore,
    CallbackRetention,
    LinkedRecordings {
  /** SHA-256 over every row of every view of the active generation, in key order. */
  digest(): Promise<string>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
export const CALLBACK_SEARCH = Symbol('CALLBACK_SEARCH');
export const CALLBACK_STATS = Symbol('CALLBACK_STATS');
export const CALLBACK_CHOICES = Symbol('CALLBACK_CHOICES');
export const ASYNC_SEARCH_LIST = Symbol('ASYNC_SEARCH_LIST');
export const PROJECTION_STORE = Symbol('PROJECTION_STORE');
export const CALLBACK_RETENTION = Symbol('CALLBACK_RETENTION');
export const LINKED_RECORDINGS = Symbol('LINKED_RECORDINGS');
