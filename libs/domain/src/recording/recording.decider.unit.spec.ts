import { describe, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import { recordingDecider } from './recording.decider.js';
import type { RecordingAudio, RecordingEvent } from './recording.events.js';

const recordingId = 'rec-1';
const now = new Date('2024-05-01T03:00:00.000Z');
const audio: RecordingAudio = {
  recordingId,
  recordingBlobKey: 'blob-1',
  contentType: 'audio/mpeg',
  extension: 'mp3',
  byteSize: 1234,
};
const uploaded: RecordingEvent = { type: 'RecordingUploaded', data: { ...audio, uploadedAt: now.toISOString() } };
const claimedBy = (callbackId: string): RecordingEvent => ({
  type: 'RecordingClaimed',
  data: { recordingId, callbackId, claimedAt: now.toISOString() },
});
const claim = (callbackId: string) => ({ type: 'ClaimRecording', recordingId, callbackId, now }) as const;
const discard = (reason: 'unlinked' | 'orphaned') => ({ type: 'DiscardRecording', recordingId, reason }) as const;

describe('Recording', () => {
  it('is uploaded once', () => {
    given(recordingDecider).when({ type: 'UploadRecording', recordingId, audio, now }).then([uploaded]);
    given(recordingDecider, [uploaded])
      .when({ type: 'UploadRecording', recordingId, audio, now })
      .thenThrows('INVALID_TRANSITION');
  });

  it('is claimed by one callback: the same one again changes nothing, another is refused', () => {
    given(recordingDecider, [uploaded])
      .when(claim('cb-1'))
      .then([claimedBy('cb-1')]);
    given(recordingDecider, [uploaded, claimedBy('cb-1')])
      .when(claim('cb-1'))
      .then([]);
    given(recordingDecider, [uploaded, claimedBy('cb-1')])
      .when(claim('cb-2'))
      .thenThrows('RECORDING_ALREADY_LINKED');
  });

  it('refuses a claim of an unknown or discarded upload as a wrong recordingId', () => {
    given(recordingDecider).when(claim('cb-1')).thenThrows('VALIDATION_FAILED', ['recordingId']);
    const discarded: RecordingEvent = { type: 'RecordingDiscarded', data: { recordingId, reason: 'unlinked' } };
    given(recordingDecider, [uploaded, discarded]).when(claim('cb-1')).thenThrows('VALIDATION_FAILED', ['recordingId']);
  });

  it('may be claimed again after the claiming registration failed and released it', () => {
    const released: RecordingEvent = { type: 'RecordingReleased', data: { recordingId, callbackId: 'cb-1' } };
    given(recordingDecider, [uploaded, claimedBy('cb-1')])
      .when({ type: 'ReleaseRecording', recordingId, callbackId: 'cb-1' })
      .then([released]);
    given(recordingDecider, [uploaded, claimedBy('cb-1'), released])
      .when(claim('cb-2'))
      .then([claimedBy('cb-2')]);
  });

  it('discards an unlinked upload, but never one a claim won first unless it is orphaned', () => {
    const discarded = (reason: 'unlinked' | 'orphaned'): RecordingEvent => ({
      type: 'RecordingDiscarded',
      data: { recordingId, reason },
    });
    given(recordingDecider, [uploaded])
      .when(discard('unlinked'))
      .then([discarded('unlinked')]);
    given(recordingDecider, [uploaded, claimedBy('cb-1')])
      .when(discard('unlinked'))
      .then([]);
    given(recordingDecider, [uploaded, claimedBy('cb-1')])
      .when(discard('orphaned'))
      .then([discarded('orphaned')]);
    given(recordingDecider, [uploaded, discarded('unlinked')])
      .when(discard('orphaned'))
      .then([]);
  });
});
