import type { CallbackColumn } from '../account/account.events.js';
import type { AsyncSearchEvent, CsvEncoding, SearchCriteria } from './async-search.events.js';

export type AsyncSearchStatus = 'pending' | 'processing' | 'succeeded' | 'failed';

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
  | { type: 'SucceedAsyncSearch'; rowCount: number; byteSize: number; fileId: string; now: Date }
  | { type: 'FailAsyncSearch'; reason: string; now: Date }
  | { type: 'RetryAsyncSearch'; now: Date }
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
