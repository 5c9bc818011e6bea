import type { CallbackColumn } from '../account/account.events.js';
import type { AsyncSearchEvent, CsvEncoding, RegisteredRange, SearchCriteria } from './async-search.events.js';

/** `expired` (期限切れ): the file held a callback past retention and was deleted; it can be run again. */
export type AsyncSearchStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'expired';

export type AsyncSearchCommand =
  | {
      type: 'RequestAsyncSearch';
      asyncSearchId: string;
      ownerId: string;
      criteria: SearchCriteria;
      memo?: string | null;
      notify: boolean;
      /** Whether the owner has an email; `notify` without one is refused (EMAIL_NOT_REGISTERED). */
      ownerHasEmail: boolean;
      encoding: CsvEncoding;
      /** The owner's list columns, recorded for narrowing (see AsyncSearchRequested). */
      narrowingColumns?: readonly CallbackColumn[];
      now: Date;
    }
  | { type: 'StartAsyncSearch'; now: Date }
  | {
      type: 'SucceedAsyncSearch';
      rowCount: number;
      byteSize: number;
      fileId: string;
      /** Null when the file holds no rows. */
      registeredRange: RegisteredRange | null;
      now: Date;
    }
  | { type: 'FailAsyncSearch'; reason: string; now: Date }
  /** 再実行: a failed or expired search runs again. */
  | { type: 'RetryAsyncSearch'; now: Date }
  /** Retention: the file `fileId` holds a callback past it (a no-op unless it is still the search's file). */
  | { type: 'ExpireAsyncSearch'; fileId: string; now: Date }
  | { type: 'DeleteAsyncSearch'; now: Date }
  | { type: 'RecordNotification'; outcome: { sentTo: string } | { failure: string }; now: Date };

type RequestedData = Extract<AsyncSearchEvent, { type: 'AsyncSearchRequested' }>['data'];

export interface ExistingAsyncSearch {
  status: AsyncSearchStatus;
  request: RequestedData;
  attempts: number;
  rowCount: number | null;
  byteSize: number | null;
  fileId: string | null;
  /**
   * Of the current file; null without one, when it holds no rows, or when it was written before ranges
   * were recorded (those files are not named after their search, see the export expiry).
   */
  registeredRange: RegisteredRange | null;
  finishedAt: string | null;
  error: string | null;
  notifiedAt: string | null;
}

export type AsyncSearchState = { status: 'absent' } | { status: 'deleted' } | ExistingAsyncSearch;

export type AsyncSearchQuotaCommand =
  | { type: 'TakeAsyncSearchSlot'; accountId: string; asyncSearchId: string }
  | { type: 'ReleaseAsyncSearchSlot'; accountId: string; asyncSearchId: string };

export interface AsyncSearchQuotaState {
  asyncSearchIds: string[];
}
