import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import { invalid, parseAll } from '../shared/validation.js';
import { parseMemo } from '../callback/callback.values.js';
import type {
  AsyncSearchCommand,
  AsyncSearchState,
  AsyncSearchStatus,
  ExistingAsyncSearch,
} from './async-search.commands.js';
import type { AsyncSearchEvent, CsvEncoding } from './async-search.events.js';
import { parseSearchCriteria } from './search-criteria.js';

export const csvEncodings: readonly CsvEncoding[] = ['utf-8', 'shift_jis'];

type RequestCommand = Extract<AsyncSearchCommand, { type: 'RequestAsyncSearch' }>;

function parseEncoding(raw: unknown, field = 'encoding'): CsvEncoding {
  if (!csvEncodings.includes(raw as CsvEncoding)) invalid(field, `must be one of ${csvEncodings.join(', ')}`);
  return raw as CsvEncoding;
}

function request(command: RequestCommand): AsyncSearchEvent[] {
  const { asyncSearchId, ownerId, now } = command;
  const parsed = parseAll({
    criteria: () => parseSearchCriteria({ ...command.criteria }, 'criteria.'),
    memo: () => parseMemo(command.memo ?? ''),
    notify: () => (typeof command.notify === 'boolean' ? command.notify : invalid('notify', 'must be true or false')),
    encoding: () => parseEncoding(command.encoding),
  });
  if (parsed.notify && !command.ownerHasEmail) {
    throw new DomainError('EMAIL_NOT_REGISTERED', 'register an email address before asking for a notification');
  }
  return [
    {
      type: 'AsyncSearchRequested',
      data: {
        asyncSearchId,
        ownerId,
        ...parsed,
        requestedAt: now.toISOString(),
        ...(command.narrowingColumns ? { narrowingColumns: [...command.narrowingColumns] } : {}),
      },
    },
  ];
}

function refuse(state: ExistingAsyncSearch, action: string, allowed: readonly AsyncSearchStatus[]): never {
  throw new DomainError(
    'INVALID_TRANSITION',
    `cannot ${action} an async search that is ${state.status} (only when ${allowed.join(' or ')})`,
  );
}

function decide(command: AsyncSearchCommand, state: AsyncSearchState): AsyncSearchEvent[] {
  if (command.type === 'RequestAsyncSearch' && state.status === 'absent') return request(command);
  if (state.status === 'absent' || state.status === 'deleted') {
    throw new DomainError('NOT_FOUND', 'async search not found');
  }
  const { asyncSearchId } = state.request;
  const at = command.now.toISOString();
  switch (command.type) {
    case 'RequestAsyncSearch':
      throw new DomainError('INVALID_TRANSITION', `async search ${asyncSearchId} already exists`);
    case 'StartAsyncSearch':
      // processing → processing: a worker takes the job over after the previous one crashed.
      if (state.status !== 'pending' && state.status !== 'processing')
        refuse(state, 'start', ['pending', 'processing']);
      return [{ type: 'AsyncSearchStarted', data: { asyncSearchId, attempt: state.attempts + 1, startedAt: at } }];
    case 'SucceedAsyncSearch': {
      if (state.status !== 'processing') refuse(state, 'complete', ['processing']);
      const { rowCount, byteSize, fileId, registeredRange } = command;
      return [
        {
          type: 'AsyncSearchSucceeded',
          data: { asyncSearchId, rowCount, byteSize, fileId, finishedAt: at, registeredRange },
        },
      ];
    }
    case 'FailAsyncSearch':
      if (state.status !== 'pending' && state.status !== 'processing') refuse(state, 'fail', ['pending', 'processing']);
      return [{ type: 'AsyncSearchFailed', data: { asyncSearchId, reason: command.reason, finishedAt: at } }];
    case 'RetryAsyncSearch':
      if (state.status !== 'failed' && state.status !== 'expired') refuse(state, 'retry', ['failed', 'expired']);
      return [{ type: 'AsyncSearchRetried', data: { asyncSearchId, retriedAt: at } }];
    case 'ExpireAsyncSearch':
      // Already expired, deleted meanwhile, or run again with a new file: nothing of that file is left to expire.
      if (state.status !== 'succeeded' || state.fileId !== command.fileId) return [];
      return [{ type: 'AsyncSearchExpired', data: { asyncSearchId, fileId: command.fileId, expiredAt: at } }];
    case 'DeleteAsyncSearch':
      return [{ type: 'AsyncSearchDeleted', data: { asyncSearchId, deletedAt: at, fileId: state.fileId } }];
    case 'RecordNotification':
      return 'sentTo' in command.outcome
        ? [{ type: 'AsyncSearchOwnerNotified', data: { asyncSearchId, to: command.outcome.sentTo, sentAt: at } }]
        : [
            {
              type: 'AsyncSearchNotificationFailed',
              data: { asyncSearchId, reason: command.outcome.failure, failedAt: at },
            },
          ];
    default:
      return assertNever(command);
  }
}

const noOutcome = {
  rowCount: null,
  byteSize: null,
  fileId: null,
  registeredRange: null,
  finishedAt: null,
  error: null,
};

function evolve(state: AsyncSearchState, event: AsyncSearchEvent): AsyncSearchState {
  if (event.type === 'AsyncSearchRequested') {
    return {
      status: 'pending',
      request: event.data,
      attempts: 0,
      ...noOutcome,
      notifiedAt: null,
    };
  }
  if (state.status === 'absent' || state.status === 'deleted') return state;
  switch (event.type) {
    case 'AsyncSearchStarted':
      return { ...state, status: 'processing', attempts: event.data.attempt };
    case 'AsyncSearchSucceeded': {
      const { rowCount, byteSize, fileId, finishedAt } = event.data;
      const registeredRange = event.data.registeredRange ?? null;
      return { ...state, status: 'succeeded', rowCount, byteSize, fileId, registeredRange, finishedAt, error: null };
    }
    case 'AsyncSearchFailed':
      return { ...state, status: 'failed', error: event.data.reason, finishedAt: event.data.finishedAt };
    case 'AsyncSearchRetried':
      return { ...state, status: 'pending', ...noOutcome, notifiedAt: null };
    case 'AsyncSearchExpired':
      // The row count and finish time stay, to say what the deleted file was.
      return { ...state, status: 'expired', fileId: null, byteSize: null, registeredRange: null };
    case 'AsyncSearchDeleted':
      return { status: 'deleted' };
    case 'AsyncSearchOwnerNotified':
      return { ...state, notifiedAt: event.data.sentAt };
    case 'AsyncSearchNotificationFailed':
      return state;
    default:
      return assertNever(event);
  }
}

/** The behaviour of one asynchronous search (stream `asyncsearch-<id>`). */
export const asyncSearchDecider: Decider<AsyncSearchCommand, AsyncSearchEvent, AsyncSearchState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
