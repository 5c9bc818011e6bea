import { describe, expect, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import type { RegisterCallbackInput } from './callback.commands.js';
import { callbackDecider } from './callback.decider.js';
import type { CallbackEvent, CallbackRegisteredData } from './callback.events.js';
import type { RecordingAudio } from '../recording/recording.events.js';

const callbackId = 'cb-1';
const now = new Date('2024-05-01T03:00:00.000Z');
const later = new Date('2024-05-01T04:00:00.000Z');

const input: RegisterCallbackInput = {
  requestId: 'call-42',
  receivedAt: '2024-05-01T11:58:00+09:00',
  callCenter: ' 東京センター ',
  businessLabel: '',
  callerNumber: '０９０－１２３４－５６７８',
  ourNumber: '03-0000-0001',
};

const registeredData: CallbackRegisteredData = {
  callbackId,
  requestId: 'call-42',
  receivedAt: '2024-05-01T02:58:00.000Z',
  registeredAt: now.toISOString(),
  callCenter: '東京センター',
  businessLabel: null,
  callerNumber: '09012345678',
  ourNumber: '0300000001',
  recordingId: null,
  registeredAtGiven: false,
};
const registered: CallbackEvent = { type: 'CallbackRegistered', data: registeredData };
const assigned: CallbackEvent = { type: 'AgentAssigned', data: { callbackId, agent: 'sato' } };
const completed: CallbackEvent = { type: 'CallbackCompleted', data: { callbackId, completedAt: now.toISOString() } };

const register = (changes: Partial<RegisterCallbackInput> = {}, at = now) =>
  ({ type: 'RegisterCallback', callbackId, input: { ...input, ...changes }, now: at }) as const;

const audio: RecordingAudio = {
  recordingId: 'rec-1',
  recordingBlobKey: 'blob-1',
  contentType: 'audio/wav',
  extension: 'wav',
  byteSize: 44,
};
const linked: CallbackEvent = { type: 'RecordingLinked', data: { ...audio, callbackId } };

describe('Recordings of a callback', () => {
  it('links the uploaded recording the registration names, in the same decision', () => {
    const state = given(callbackDecider)
      .when({ ...register({ recordingId: 'rec-1' }), recording: audio })
      .then([{ type: 'CallbackRegistered', data: { ...registeredData, recordingId: 'rec-1' } }, linked]);
    expect(state).toMatchObject({ recording: audio, recordingExpired: false });
  });

  it('refuses a recording id without its audio (unknown upload)', () => {
    given(callbackDecider)
      .when(register({ recordingId: 'rec-1' }))
      .thenThrows('VALIDATION_FAILED', ['recordingId']);
  });

  it('expires the linked recording once, and not another one', () => {
    const withRecording = [
      { ...registered, data: { ...registeredData, recordingId: 'rec-1' } } as CallbackEvent,
      linked,
    ];
    const expire = (recordingId: string) => ({ type: 'ExpireRecording', callbackId, recordingId, now }) as const;
    const expired: CallbackEvent = {
      type: 'RecordingExpired',
      data: { callbackId, recordingId: 'rec-1', reason: 'cap' },
    };

    const state = given(callbackDecider, withRecording).when(expire('rec-1')).then([expired]);
    expect(state).toMatchObject({ recording: null, recordingExpired: true });
    given(callbackDecider, [...withRecording, expired])
      .when(expire('rec-1'))
      .then([]);
    given(callbackDecider, withRecording).when(expire('rec-2')).then([]);
  });
});

describe('RegisterCallback', () => {
  it('registers a new callback with normalised fields and the server time', () => {
    const state = given(callbackDecider).when(register()).then([registered]);
    expect(state).toMatchObject({ status: 'incomplete', agent: null, memo: null, completedAt: null });
  });

  it('keeps a client-given registeredAt (backfill) and says so', () => {
    given(callbackDecider)
      .when(register({ registeredAt: '2024-05-01T12:00:00+09:00' }))
      .then([
        {
          type: 'CallbackRegistered',
          data: { ...registeredData, registeredAt: '2024-05-01T03:00:00.000Z', registeredAtGiven: true },
        },
      ]);
  });

  it('treats an identical retry as done, even later and written differently', () => {
    given(callbackDecider, [registered])
      .when(register({ callerNumber: '090 1234 5678', callCenter: '東京センター', businessLabel: null }, later))
      .then([]);
  });

  it('compares registeredAt only when both attempts set it', () => {
    const backfilled: CallbackEvent = {
      type: 'CallbackRegistered',
      data: { ...registeredData, registeredAt: '2024-05-01T02:59:00.000Z', registeredAtGiven: true },
    };
    given(callbackDecider, [backfilled]).when(register({}, later)).then([]);
    given(callbackDecider, [backfilled])
      .when(register({ registeredAt: '2024-05-01T02:59:00Z' }))
      .then([]);
    given(callbackDecider, [backfilled])
      .when(register({ registeredAt: '2024-05-01T02:59:01Z' }))
      .thenThrows('DUPLICATE_REQUEST');
    given(callbackDecider, [registered])
      .when(register({ registeredAt: '2024-05-01T02:59:00Z' }))
      .then([]);
  });

  it.each<[string, Partial<RegisterCallbackInput>]>([
    ['receivedAt', { receivedAt: '2024-05-01T02:59:00Z' }],
    ['callCenter', { callCenter: '大阪センター' }],
    ['businessLabel', { businessLabel: '保守' }],
    ['callerNumber', { callerNumber: null }],
    ['ourNumber', { ourNumber: '0300000002' }],
    ['recordingId', { recordingId: 'rec-9' }],
  ])('refuses the same requestId with a different %s', (_field, changes) => {
    given(callbackDecider, [registered]).when(register(changes)).thenThrows('DUPLICATE_REQUEST');
  });

  it('refuses invalid input with every offending field at once', () => {
    given(callbackDecider)
      .when(
        register({
          requestId: ' ',
          receivedAt: '2024-05-01',
          callCenter: 'x'.repeat(201),
          callerNumber: 'unknown',
          ourNumber: '',
          registeredAt: '2024-05-01T03:00:01Z',
        }),
      )
      .thenThrows('VALIDATION_FAILED', [
        'requestId',
        'receivedAt',
        'callCenter',
        'callerNumber',
        'ourNumber',
        'registeredAt',
      ]);
  });

  it('refuses a call received in the future or after the registration', () => {
    given(callbackDecider)
      .when(register({ receivedAt: '2024-05-01T03:00:01Z' }))
      .thenThrows('VALIDATION_FAILED', ['receivedAt']);
    given(callbackDecider)
      .when(register({ registeredAt: '2024-05-01T02:00:00Z' }))
      .thenThrows('VALIDATION_FAILED', ['receivedAt']);
  });

  it('validates a retry before comparing it', () => {
    given(callbackDecider, [registered])
      .when(register({ receivedAt: 'garbage' }))
      .thenThrows('VALIDATION_FAILED', ['receivedAt']);
  });
});

describe('commands on a callback that does not exist', () => {
  it.each([
    { type: 'AssignAgent', callbackId, agent: 'sato', now },
    { type: 'UnassignAgent', callbackId, now },
    { type: 'CompleteCallback', callbackId, now },
    { type: 'ReopenCallback', callbackId, now },
    { type: 'EditMemo', callbackId, memo: 'x', now },
  ] as const)('$type is NOT_FOUND', (command) => {
    given(callbackDecider).when(command).thenThrows('NOT_FOUND');
  });
});

describe('agent', () => {
  it('assigns a trimmed agent, and again to someone else', () => {
    const state = given(callbackDecider, [registered])
      .when({ type: 'AssignAgent', callbackId, agent: ' sato ', now })
      .then([assigned]);
    expect(state).toMatchObject({ agent: 'sato' });
    given(callbackDecider, [registered, assigned])
      .when({ type: 'AssignAgent', callbackId, agent: 'suzuki', now })
      .then([{ type: 'AgentAssigned', data: { callbackId, agent: 'suzuki' } }]);
  });

  it('changes nothing when the agent is already assigned', () => {
    given(callbackDecider, [registered, assigned])
      .when({ type: 'AssignAgent', callbackId, agent: 'sato', now })
      .then([]);
  });

  it('may assign a complete callback', () => {
    given(callbackDecider, [registered, completed])
      .when({ type: 'AssignAgent', callbackId, agent: 'sato', now })
      .then([assigned]);
  });

  it.each(['', '   ', '-', 'a'.repeat(201)])('refuses agent %j', (agent) => {
    given(callbackDecider, [registered])
      .when({ type: 'AssignAgent', callbackId, agent, now })
      .thenThrows('VALIDATION_FAILED', ['agent']);
  });

  it('unassigns, or changes nothing when nobody is assigned', () => {
    const state = given(callbackDecider, [registered, assigned])
      .when({ type: 'UnassignAgent', callbackId, now })
      .then([{ type: 'AgentUnassigned', data: { callbackId } }]);
    expect(state).toMatchObject({ agent: null });
    given(callbackDecider, [registered]).when({ type: 'UnassignAgent', callbackId, now }).then([]);
  });
});

describe('status', () => {
  it('completes at the command time, once', () => {
    const state = given(callbackDecider, [registered])
      .when({ type: 'CompleteCallback', callbackId, now })
      .then([completed]);
    expect(state).toMatchObject({ status: 'complete', completedAt: now.toISOString() });
    given(callbackDecider, [registered, completed]).when({ type: 'CompleteCallback', callbackId, now: later }).then([]);
  });

  it('reopens a complete callback, and ignores reopening an incomplete one', () => {
    const state = given(callbackDecider, [registered, completed])
      .when({ type: 'ReopenCallback', callbackId, now })
      .then([{ type: 'CallbackReopened', data: { callbackId } }]);
    expect(state).toMatchObject({ status: 'incomplete', completedAt: null });
    given(callbackDecider, [registered]).when({ type: 'ReopenCallback', callbackId, now }).then([]);
  });
});

describe('memo', () => {
  const edited = (memo: string): CallbackEvent => ({ type: 'MemoEdited', data: { callbackId, memo } });

  it('edits the memo, keeping it as typed; 1,000 emoji fit', () => {
    const memo = '😀'.repeat(1_000);
    const state = given(callbackDecider, [registered])
      .when({ type: 'EditMemo', callbackId, memo, now })
      .then([edited(memo)]);
    expect(state).toMatchObject({ memo });
  });

  it('refuses 1,001 characters', () => {
    given(callbackDecider, [registered])
      .when({ type: 'EditMemo', callbackId, memo: '😀'.repeat(1_001), now })
      .thenThrows('VALIDATION_FAILED', ['memo']);
  });

  it('clears with an empty memo; clearing again or repeating a memo changes nothing', () => {
    const state = given(callbackDecider, [registered, edited('call after 5pm')])
      .when({ type: 'EditMemo', callbackId, memo: '', now })
      .then([edited('')]);
    expect(state).toMatchObject({ memo: null });
    given(callbackDecider, [registered]).when({ type: 'EditMemo', callbackId, memo: '', now }).then([]);
    given(callbackDecider, [registered, edited('x')])
      .when({ type: 'EditMemo', callbackId, memo: 'x', now })
      .then([]);
  });
});
