import {
  type AsyncSearchEvent,
  type AsyncSearchStatus,
  type CsvEncoding,
  type SearchCriteria,
  assertNever,
  idFromStream,
  streamCategories,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { type Projection, eventOf } from './projection.js';

/** A row of the asynchronous-search screen (非同期検索), the owner's own list. */
export interface AsyncSearchListRow {
  id: string;
  ownerId: string;
  requestedAt: string;
  status: AsyncSearchStatus;
  memo: string;
  criteria: SearchCriteria;
  encoding: CsvEncoding;
  notify: boolean;
  rowCount: number | null;
  byteSize: number | null;
  fileId: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Revision of the `asyncsearch-<id>` stream this row reflects. */
  version: number;
}

const asyncSearchEventTypes: readonly AsyncSearchEvent['type'][] = [
  'AsyncSearchRequested',
  'AsyncSearchStarted',
  'AsyncSearchSucceeded',
  'AsyncSearchFailed',
  'AsyncSearchRetried',
  'AsyncSearchExpired',
  'AsyncSearchDeleted',
  'AsyncSearchOwnerNotified',
  'AsyncSearchNotificationFailed',
];

const noOutcome = { rowCount: null, byteSize: null, fileId: null, finishedAt: null, error: null };

function evolve(row: AsyncSearchListRow | null, recorded: RecordedEvent): AsyncSearchListRow | null {
  const event = eventOf<AsyncSearchEvent>(recorded);
  const version = recorded.revision;
  if (event.type === 'AsyncSearchRequested') {
    const data = event.data;
    return {
      id: data.asyncSearchId,
      ownerId: data.ownerId,
      requestedAt: new Date(data.requestedAt).toISOString(),
      status: 'pending',
      memo: data.memo,
      criteria: data.criteria,
      encoding: data.encoding,
      notify: data.notify,
      ...noOutcome,
      version,
    };
  }
  if (row === null) return null;
  switch (event.type) {
    case 'AsyncSearchStarted':
      return { ...row, status: 'processing', ...noOutcome, version };
    case 'AsyncSearchSucceeded': {
      const { rowCount, byteSize, fileId, finishedAt } = event.data;
      return { ...row, status: 'succeeded', rowCount, byteSize, fileId, finishedAt, error: null, version };
    }
    case 'AsyncSearchFailed':
      return {
        ...row,
        status: 'failed',
        ...noOutcome,
        finishedAt: event.data.finishedAt,
        error: event.data.reason,
        version,
      };
    case 'AsyncSearchRetried':
      return { ...row, status: 'pending', ...noOutcome, version };
    case 'AsyncSearchExpired':
      // 期限切れ: the file is gone; the row count and finish time stay to say what it was.
      return { ...row, status: 'expired', fileId: null, byteSize: null, version };
    case 'AsyncSearchDeleted':
      return null;
    case 'AsyncSearchOwnerNotified':
    case 'AsyncSearchNotificationFailed':
      // The list does not show mail delivery; the revision still moves so replays stay no-ops.
      return { ...row, version };
    default:
      return assertNever(event);
  }
}

export const asyncSearchListProjection: Projection<AsyncSearchListRow, 'asyncSearches'> = {
  name: 'asyncSearches',
  version: 1,
  handles: asyncSearchEventTypes,
  keyOf: (event) => idFromStream(streamCategories.asyncSearch, event.streamName),
  evolve,
};
