import { describe, expect, it } from '@jest/globals';
import { describeEvent } from './labels';
import { recordingLabel } from './recording-label';

describe('recordingLabel', () => {
  it('says あり while linked, 期限切れ once the cap unlinked it, なし otherwise', () => {
    expect(recordingLabel({ recording: 'rec-1', recordingExpired: false })).toBe('あり');
    expect(recordingLabel({ recording: null, recordingExpired: true })).toBe('期限切れ');
    expect(recordingLabel({ recording: null, recordingExpired: false })).toBe('なし');
    expect(recordingLabel({ recording: null })).toBe('なし');
  });

  it('tells the recording events in the history', () => {
    expect(describeEvent({ type: 'RecordingLinked', data: {} })).toBe('録音を登録しました');
    expect(describeEvent({ type: 'RecordingExpired', data: {} })).toBe('録音が上限を超えたため期限切れになりました');
  });
});
