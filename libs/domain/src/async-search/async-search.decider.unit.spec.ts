import { describe, expect, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import type { AsyncSearchCommand } from './async-search.commands.js';
import { asyncSearchDecider } from './async-search.decider.js';
import type { AsyncSearchEvent } from './async-search.events.js';

const asyncSearchId = 'as-1';
const now = new Date('2024-05-01T00:00:00.000Z');
const at = now.toISOString();

const requestCommand: Extract<AsyncSearchCommand, { type: 'RequestAsyncSearch' }> = {
  type: 'RequestAsyncSearch',
  asyncSearchId,
  ownerId: 'acc-1',
  criteria: { from: '2024-04-01', callerNumber: '090-1234-5678' },
  notify: false,
  ownerHasEmail: false,
  encoding: 'utf-8',
  now,
};
const requested: AsyncSearchEvent = {
  type: 'AsyncSearchRequested',
  data: {
    asyncSearchId,
    ownerId: 'acc-1',
    criteria: { from: '2024-04-01', callerNumber: '09012345678' },
    memo: '',
    notify: false,
    encoding: 'utf-8',
    requestedAt: at,
  },
};
const started = (attempt: number): AsyncSearchEvent => ({
  type: 'AsyncSearchStarted',
  data: { asyncSearchId, attempt, startedAt: at },
});
const registeredRange = { oldest: '2024-04-02T03:00:00.000Z', newest: '2024-04-30T09:00:00.000Z' };
const succeeded: AsyncSearchEvent = {
  type: 'AsyncSearchSucceeded',
  data: { asyncSearchId, rowCount: 12, byteSize: 345, fileId: 'file-1', finishedAt: at, registeredRange },
};
const failed: AsyncSearchEvent = { type: 'AsyncSearchFailed', data: { asyncSearchId, reason: 'boom', finishedAt: at } };
const retried: AsyncSearchEvent = { type: 'AsyncSearchRetried', data: { asyncSearchId, retriedAt: at } };
const deleted: AsyncSearchEvent = {
  type: 'AsyncSearchDeleted',
  data: { asyncSearchId, deletedAt: at, fileId: null },
};
const expiredEvent: AsyncSearchEvent = {
  type: 'AsyncSearchExpired',
  data: { asyncSearchId, fileId: 'file-1', expiredAt: at },
};

const start: AsyncSearchCommand = { type: 'StartAsyncSearch', now };
const succeed: AsyncSearchCommand = {
  type: 'SucceedAsyncSearch',
  rowCount: 12,
  byteSize: 345,
  fileId: 'file-1',
  registeredRange,
  now,
};
const expire: AsyncSearchCommand = { type: 'ExpireAsyncSearch', fileId: 'file-1', now };
const fail: AsyncSearchCommand = { type: 'FailAsyncSearch', reason: 'boom', now };
const retry: AsyncSearchCommand = { type: 'RetryAsyncSearch', now };
const remove: AsyncSearchCommand = { type: 'DeleteAsyncSearch', now };
const notified: AsyncSearchCommand = { type: 'RecordNotification', outcome: { sentTo: 'a@example.com' }, now };

const pending = [requested];
const processing = [requested, started(1)];
const done = [requested, started(1), succeeded];
const broken = [requested, started(1), failed];
const expired = [...done, expiredEvent];

describe('RequestAsyncSearch', () => {
  it('records a pending request with validated criteria and an empty memo by default', () => {
    const state = given(asyncSearchDecider).when(requestCommand).then([requested]);
    expect(state).toMatchObject({ status: 'pending', attempts: 0, rowCount: null, finishedAt: null });
  });

  it('keeps a memo of up to 1,000 characters and the wish to be notified', () => {
    const memo = '月次報告😀'.repeat(200);
    given(asyncSearchDecider)
      .when({ ...requestCommand, memo, notify: true, ownerHasEmail: true, encoding: 'shift_jis' })
      .then([
        { ...requested, data: { ...requested.data, memo, notify: true, encoding: 'shift_jis' } } as AsyncSearchEvent,
      ]);
  });

  it('refuses bad criteria, memo and encoding, every field at once', () => {
    given(asyncSearchDecider)
      .when({
        ...requestCommand,
        criteria: { from: 'May', status: 'open' as 'complete' },
        memo: 'x'.repeat(1_001),
        encoding: 'latin1' as 'utf-8',
      })
      .thenThrows('VALIDATION_FAILED', ['criteria.from', 'criteria.status', 'memo', 'encoding']);
  });

  it('refuses a notification to an owner without email', () => {
    given(asyncSearchDecider)
      .when({ ...requestCommand, notify: true })
      .thenThrows('EMAIL_NOT_REGISTERED');
  });

  it('refuses reusing the id of an existing search', () => {
    given(asyncSearchDecider, pending).when(requestCommand).thenThrows('INVALID_TRANSITION');
  });
});

describe('commands on an async search that does not exist or was deleted', () => {
  it.each([start, succeed, fail, retry, expire, remove, notified])('$type is NOT_FOUND', (command) => {
    given(asyncSearchDecider).when(command).thenThrows('NOT_FOUND');
    given(asyncSearchDecider, [...broken, deleted])
      .when(command)
      .thenThrows('NOT_FOUND');
  });

  it('RequestAsyncSearch on a deleted id is NOT_FOUND', () => {
    given(asyncSearchDecider, [requested, deleted]).when(requestCommand).thenThrows('NOT_FOUND');
  });
});

describe('processing', () => {
  it('starts a pending search as attempt 1', () => {
    expect(
      given(asyncSearchDecider, pending)
        .when(start)
        .then([started(1)]),
    ).toMatchObject({
      status: 'processing',
      attempts: 1,
    });
  });

  it('lets a worker start a processing search again after a crash', () => {
    given(asyncSearchDecider, processing)
      .when(start)
      .then([started(2)]);
  });

  it.each([
    ['succeeded', done],
    ['failed', broken],
    ['expired', expired],
  ])('refuses starting a %s search', (_status, history) => {
    given(asyncSearchDecider, history).when(start).thenThrows('INVALID_TRANSITION');
  });

  it('succeeds only while processing', () => {
    const state = given(asyncSearchDecider, processing).when(succeed).then([succeeded]);
    expect(state).toMatchObject({
      status: 'succeeded',
      rowCount: 12,
      byteSize: 345,
      fileId: 'file-1',
      registeredRange,
      finishedAt: at,
    });
    for (const history of [pending, done, broken]) {
      given(asyncSearchDecider, history).when(succeed).thenThrows('INVALID_TRANSITION');
    }
  });

  it('fails while pending or processing', () => {
    given(asyncSearchDecider, pending).when(fail).then([failed]);
    const state = given(asyncSearchDecider, processing).when(fail).then([failed]);
    expect(state).toMatchObject({ status: 'failed', error: 'boom', finishedAt: at });
    for (const history of [done, broken]) {
      given(asyncSearchDecider, history).when(fail).thenThrows('INVALID_TRANSITION');
    }
  });
});

describe('RetryAsyncSearch', () => {
  it('puts a failed search back to pending, then counts the next attempt', () => {
    const state = given(asyncSearchDecider, broken).when(retry).then([retried]);
    expect(state).toMatchObject({ status: 'pending', error: null, finishedAt: null, attempts: 1 });
    given(asyncSearchDecider, [...broken, retried])
      .when(start)
      .then([started(2)]);
  });

  it('runs an expired search again from scratch: no outcome of the expired run is left', () => {
    const state = given(asyncSearchDecider, expired).when(retry).then([retried]);
    expect(state).toMatchObject({ status: 'pending', rowCount: null, fileId: null, registeredRange: null });
    given(asyncSearchDecider, [...expired, retried])
      .when(start)
      .then([started(2)]);
  });

  it.each([
    ['pending', pending],
    ['processing', processing],
    ['succeeded', done],
  ])('refuses retrying a %s search', (_status, history) => {
    given(asyncSearchDecider, history).when(retry).thenThrows('INVALID_TRANSITION');
  });
});

describe('ExpireAsyncSearch', () => {
  it('expires a succeeded search whose file is the one named: the file is gone, the row count stays', () => {
    const state = given(asyncSearchDecider, done).when(expire).then([expiredEvent]);
    expect(state).toMatchObject({
      status: 'expired',
      fileId: null,
      byteSize: null,
      registeredRange: null,
      rowCount: 12,
      finishedAt: at,
    });
  });

  it('changes nothing once the file is not the search’s: expired already, run again, another file', () => {
    given(asyncSearchDecider, expired).when(expire).then([]);
    given(asyncSearchDecider, [...expired, retried])
      .when(expire)
      .then([]);
    given(asyncSearchDecider, [...expired, retried, started(2)])
      .when(expire)
      .then([]);
    given(asyncSearchDecider, done)
      .when({ ...expire, fileId: 'file-2' } as AsyncSearchCommand)
      .then([]);
    given(asyncSearchDecider, broken).when(expire).then([]);
  });

  it('refuses completing or failing an expired search', () => {
    given(asyncSearchDecider, expired).when(succeed).thenThrows('INVALID_TRANSITION');
    given(asyncSearchDecider, expired).when(fail).thenThrows('INVALID_TRANSITION');
  });
});

describe('DeleteAsyncSearch', () => {
  it.each([
    ['pending', pending],
    ['processing', processing],
    ['failed', broken],
    ['expired', expired],
  ])('deletes a %s search, which has no file', (_status, history) => {
    expect(given(asyncSearchDecider, history).when(remove).then([deleted])).toEqual({ status: 'deleted' });
  });

  it('deletes a succeeded search and names its file, to be deleted with it', () => {
    const withFile = { ...deleted, data: { ...deleted.data, fileId: 'file-1' } } as AsyncSearchEvent;
    expect(given(asyncSearchDecider, done).when(remove).then([withFile])).toEqual({ status: 'deleted' });
  });
});

describe('RecordNotification', () => {
  it('records the mail sent to the owner', () => {
    const state = given(asyncSearchDecider, done)
      .when(notified)
      .then([{ type: 'AsyncSearchOwnerNotified', data: { asyncSearchId, to: 'a@example.com', sentAt: at } }]);
    expect(state).toMatchObject({ notifiedAt: at });
  });

  it('records a failed mail without changing the search', () => {
    const state = given(asyncSearchDecider, broken)
      .when({ type: 'RecordNotification', outcome: { failure: 'SMTP down' }, now })
      .then([{ type: 'AsyncSearchNotificationFailed', data: { asyncSearchId, reason: 'SMTP down', failedAt: at } }]);
    expect(state).toMatchObject({ status: 'failed', notifiedAt: null });
  });
});
