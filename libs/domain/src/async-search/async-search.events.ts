import type { CallbackColumn } from '../account/account.events.js';

/** Search criteria with the same keys as the query string of `GET /callbacks` (paging and sort excluded). */
export interface SearchCriteria {
  from?: string;
  to?: string;
  callCenter?: string;
  businessLabel?: string;
  /** `-` = unassigned. */
  agent?: string;
  status?: 'incomplete' | 'complete';
  callerNumber?: string;
  ourNumber?: string;
  requestId?: string;
  /** Narrowing keywords, space separated. */
  q?: string;
}

export type CsvEncoding = 'utf-8' | 'shift_jis';

/** The registration times (UTC ISO-8601) of the oldest and newest callback an export file holds. */
export interface RegisteredRange {
  oldest: string;
  newest: string;
}

export const asyncSearchLimitPerAccount = 10;

/** Facts about one asynchronous search (stream `asyncsearch-<id>`). */
export type AsyncSearchEvent =
  | {
      type: 'AsyncSearchRequested';
      data: {
        asyncSearchId: string;
        ownerId: string;
        criteria: SearchCriteria;
        memo: string;
        notify: boolean;
        encoding: CsvEncoding;
        requestedAt: string;
        /**
         * The owner's list columns when they asked: narrowing (`q`) matches in the columns the owner saw,
         * as GET /callbacks does, even if they change their columns before the search runs. Absent in
         * requests recorded before it was stored (narrowing then uses every column).
         */
        narrowingColumns?: CallbackColumn[];
      };
    }
  | { type: 'AsyncSearchStarted'; data: { asyncSearchId: string; attempt: number; startedAt: string } }
  | {
      type: 'AsyncSearchSucceeded';
      data: {
        asyncSearchId: string;
        rowCount: number;
        byteSize: number;
        fileId: string;
        finishedAt: string;
        /**
         * The registration times of the oldest and newest rows the file holds (null: no rows), so retention
         * knows when the file holds a callback past it. Absent in files recorded before it was stored.
         */
        registeredRange?: RegisteredRange | null;
      };
    }
  | { type: 'AsyncSearchFailed'; data: { asyncSearchId: string; reason: string; finishedAt: string } }
  | { type: 'AsyncSearchRetried'; data: { asyncSearchId: string; retriedAt: string } }
  /**
   * 期限切れ: the file held a callback past retention and was deleted; the search can be run again. The
   * file's id says which run expired (a search run again since has another file).
   */
  | { type: 'AsyncSearchExpired'; data: { asyncSearchId: string; fileId: string; expiredAt: string } }
  /**
   * The search's personal data (criteria, memo) is shredded once this is appended (see the kernel's
   * `erasingEvents`). `fileId`: the file the search had then, deleted with it (absent in older events).
   */
  | { type: 'AsyncSearchDeleted'; data: { asyncSearchId: string; deletedAt: string; fileId?: string | null } }
  | { type: 'AsyncSearchOwnerNotified'; data: { asyncSearchId: string; to: string; sentAt: string } }
  | { type: 'AsyncSearchNotificationFailed'; data: { asyncSearchId: string; reason: string; failedAt: string } };

/**
 * Stream `asyncsearchquota-<accountId>`: the searches an account keeps. Appending with the exact
 * expected revision makes the limit of 10 hold under concurrent requests.
 */
export type AsyncSearchQuotaEvent =
  | { type: 'AsyncSearchSlotTaken'; data: { accountId: string; asyncSearchId: string } }
  | { type: 'AsyncSearchSlotReleased'; data: { accountId: string; asyncSearchId: string } };
