import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { RecordedEvents, registration } from '../recorded-events.fixture.js';
import { accountListProjection } from './account-list.projection.js';
import { asyncSearchListProjection } from './async-search-list.projection.js';
import { createCallbackStatsProjection } from './callback-stats.projection.js';
import { callbackViewProjection } from './callback-view.projection.js';
import {
  type Projection,
  type StoredRow,
  applyGuarded,
  foldBatch,
  keyedEvents,
  retentionRevision,
} from './projection.js';

/** Runs events through the revision guard the way an adapter does, for one key. */
function project<View>(
  projection: Projection<View>,
  events: readonly RecordedEvent[],
  start: StoredRow<View> | null = null,
) {
  let stored = start;
  for (const event of events) {
    const change = applyGuarded(projection, stored, event);
    if (change.kind === 'put') stored = { view: change.view, revision: change.revision };
    if (change.kind === 'remove') stored = { view: null, revision: change.revision };
  }
  return stored;
}

describe('callback view projection', () => {
  const events = new RecordedEvents();
  const history = [
    events.callback('cb1', registration('cb1', { registeredAt: '2024-05-01T10:00:00+09:00', recordingId: 'rec1' })),
    events.callback('cb1', {
      type: 'RecordingLinked',
      data: {
        callbackId: 'cb1',
        recordingId: 'rec1',
        recordingBlobKey: 'blob-1',
        contentType: 'audio/wav',
        extension: 'wav',
        byteSize: 44,
      },
    }),
    events.callback('cb1', { type: 'AgentAssigned', data: { callbackId: 'cb1', agent: 'suzuki' } }),
    events.callback('cb1', {
      type: 'CallbackCompleted',
      data: { callbackId: 'cb1', completedAt: '2024-05-01T02:00:00Z' },
    }),
    events.callback('cb1', { type: 'MemoEdited', data: { callbackId: 'cb1', memo: 'called back' } }),
  ];

  it('folds the history into the view the list shows, times in UTC', () => {
    expect(project(callbackViewProjection, history)?.view).toEqual({
      id: 'cb1',
      registeredAt: '2024-05-01T01:00:00.000Z',
      receivedAt: '2024-05-01T00:59:00.000Z',
      agent: 'suzuki',
      status: 'complete',
      callCenter: '東京センター',
      businessLabel: 'sales',
      callerNumber: '0312345678',
      ourNumber: '0120111222',
      requestId: 'req-cb1',
      recording: 'rec1',
      recordingExpired: false,
      memo: 'called back',
      version: 4,
      completedAt: '2024-05-01T02:00:00.000Z',
    });
  });

  it('is unchanged by double delivery and by a replay from the start', () => {
    const once = project(callbackViewProjection, history);
    expect(project(callbackViewProjection, [...history, ...history], null)).toEqual(once);
    expect(project(callbackViewProjection, history, once)).toEqual(once);
    expect(applyGuarded(callbackViewProjection, once, history[1])).toEqual({ kind: 'unchanged' });
  });

  it('does not invent a view from an event without the registration', () => {
    expect(project(callbackViewProjection, history.slice(1))).toBeNull();
  });

  it('reopening and clearing the memo go back to incomplete and null', () => {
    const more = [
      events.callback('cb1', { type: 'CallbackReopened', data: { callbackId: 'cb1' } }),
      events.callback('cb1', { type: 'MemoEdited', data: { callbackId: 'cb1', memo: '' } }),
      events.callback('cb1', { type: 'AgentUnassigned', data: { callbackId: 'cb1' } }),
    ];
    expect(project(callbackViewProjection, [...history, ...more])?.view).toMatchObject({
      status: 'incomplete',
      completedAt: null,
      memo: null,
      agent: null,
      version: 7,
    });
  });

  it('shows the recording expired once the cap unlinked it', () => {
    const expired = events.callback('cb1', {
      type: 'RecordingExpired',
      data: { callbackId: 'cb1', recordingId: 'rec1', reason: 'cap' },
    });
    expect(project(callbackViewProjection, [...history, expired])?.view).toMatchObject({
      recording: null,
      recordingExpired: true,
    });
  });

  it('refuses a view registered before the retention cutoff, and a retention tombstone outranks every event', () => {
    const cutoff = { retentionCutoff: '2025-01-01T00:00:00.000Z' };
    expect(applyGuarded(callbackViewProjection, null, history[0], cutoff)).toEqual({
      kind: 'remove',
      revision: retentionRevision,
    });
    expect(project(callbackViewProjection, history, { view: null, revision: retentionRevision })?.view).toBeNull();
  });
});

describe('callback statistics projection', () => {
  const stats = createCallbackStatsProjection('Asia/Tokyo');
  const events = new RecordedEvents();
  const history = [
    events.callback('s1', registration('s1', { registeredAt: '2024-05-01T15:30:00.000Z' })),
    events.callback('s1', {
      type: 'CallbackCompleted',
      data: { callbackId: 's1', completedAt: '2024-05-01T15:32:30.000Z' },
    }),
  ];

  it('keeps the Tokyo day and the seconds to complete', () => {
    expect(project(stats, history)?.view).toMatchObject({
      day: '2024-05-02',
      status: 'complete',
      secondsToComplete: 150,
    });
  });

  it('forgets the duration when reopened', () => {
    const reopened = events.callback('s1', { type: 'CallbackReopened', data: { callbackId: 's1' } });
    expect(project(stats, [...history, reopened])?.view).toMatchObject({
      status: 'incomplete',
      secondsToComplete: null,
    });
  });
});

describe('asynchronous-search list projection', () => {
  const events = new RecordedEvents();
  const history = [
    events.asyncSearch('a1', {
      type: 'AsyncSearchRequested',
      data: {
        asyncSearchId: 'a1',
        ownerId: 'u1',
        criteria: { status: 'complete' },
        memo: 'm',
        notify: true,
        encoding: 'shift_jis',
        requestedAt: '2024-05-01T00:00:00Z',
      },
    }),
    events.asyncSearch('a1', {
      type: 'AsyncSearchStarted',
      data: { asyncSearchId: 'a1', attempt: 1, startedAt: '2024-05-01T00:00:01Z' },
    }),
    events.asyncSearch('a1', {
      type: 'AsyncSearchFailed',
      data: { asyncSearchId: 'a1', reason: 'disk full', finishedAt: '2024-05-01T00:00:02Z' },
    }),
  ];

  it('shows the status and the failure, then a retry as pending again', () => {
    expect(project(asyncSearchListProjection, history)?.view).toMatchObject({
      status: 'failed',
      error: 'disk full',
      finishedAt: '2024-05-01T00:00:02Z',
      encoding: 'shift_jis',
      notify: true,
    });
    const retried = events.asyncSearch('a1', {
      type: 'AsyncSearchRetried',
      data: { asyncSearchId: 'a1', retriedAt: 'x' },
    });
    expect(project(asyncSearchListProjection, [...history, retried])?.view).toMatchObject({
      status: 'pending',
      error: null,
      finishedAt: null,
    });
  });

  it('removes a deleted search, and a replay of its request does not bring it back', () => {
    const deleted = events.asyncSearch('a1', {
      type: 'AsyncSearchDeleted',
      data: { asyncSearchId: 'a1', deletedAt: 'x' },
    });
    const afterDelete = project(asyncSearchListProjection, [...history, deleted]);
    expect(afterDelete).toEqual({ view: null, revision: 4 });
    expect(project(asyncSearchListProjection, history, afterDelete)).toEqual(afterDelete);
  });

  it('shows an expired search as expired without its file, and a rerun as pending again', () => {
    const succeeded = events.asyncSearch('a1', {
      type: 'AsyncSearchSucceeded',
      data: {
        asyncSearchId: 'a1',
        rowCount: 3,
        byteSize: 120,
        fileId: 'f1',
        finishedAt: '2024-05-01T00:00:05Z',
        registeredRange: { oldest: '2024-04-01T00:00:00.000Z', newest: '2024-04-30T00:00:00.000Z' },
      },
    });
    const expired = events.asyncSearch('a1', {
      type: 'AsyncSearchExpired',
      data: { asyncSearchId: 'a1', fileId: 'f1', expiredAt: '2024-06-01T00:00:00Z' },
    });
    const run = [history[0], history[1], succeeded];
    expect(project(asyncSearchListProjection, [...run, expired])?.view).toMatchObject({
      status: 'expired',
      fileId: null,
      byteSize: null,
      rowCount: 3,
      finishedAt: '2024-05-01T00:00:05Z',
      error: null,
    });
    const rerun = events.asyncSearch('a1', {
      type: 'AsyncSearchRetried',
      data: { asyncSearchId: 'a1', retriedAt: 'x' },
    });
    expect(project(asyncSearchListProjection, [...run, expired, rerun])?.view).toMatchObject({
      status: 'pending',
      rowCount: null,
      finishedAt: null,
    });
  });
});

describe('accounts list projection', () => {
  const events = new RecordedEvents();
  const passwordHash = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
  const tokenHash = 'f'.repeat(64);
  const history = [
    events.account('u1', {
      type: 'AccountCreated',
      data: { accountId: 'u1', name: '佐藤', email: null, roles: ['supervisor'], createdAt: '2024-05-01T00:00:00Z' },
    }),
    events.account('u1', {
      type: 'TokenIssued',
      data: { accountId: 'u1', tokenHash, issuedAt: '2024-05-01T00:00:00Z' },
    }),
    events.account('u1', {
      type: 'PasswordSet',
      data: { accountId: 'u1', passwordHash, setBy: 'admin', setAt: '2024-05-01T00:00:00Z' },
    }),
    events.account('u1', { type: 'ColumnsChosen', data: { accountId: 'u1', columns: ['id', 'memo'] } }),
    events.account('u1', { type: 'EmailRegistered', data: { accountId: 'u1', email: 'sato@example.jp' } }),
  ];
  const fold = (stored: StoredRow<unknown> | null = null) =>
    foldBatch(accountListProjection, keyedEvents(accountListProjection, history), () => stored);

  it('shows the name, email, roles and whether a password is set, never a hash', () => {
    const { rows } = fold();
    const row = rows.get('u1');
    expect(row).toEqual({
      view: { id: 'u1', name: '佐藤', email: 'sato@example.jp', roles: ['supervisor'], hasPassword: true },
      revision: 4,
    });
    expect(JSON.stringify(row)).not.toContain(passwordHash);
    expect(JSON.stringify(row)).not.toContain(tokenHash);
  });

  it('skips the token and column events, and a replay changes nothing', () => {
    const { changes, rows } = fold();
    expect(changes).toBe(3);
    expect(fold(rows.get('u1')!).changes).toBe(0);
  });
});
