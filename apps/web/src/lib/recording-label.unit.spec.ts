import { describe, expect, it } from '@jest/globals';
import { recordingLabel } from './recording-label';

describe('recordingLabel', () => {
  it('says あり while linked, 期限切れ once the cap unlinked it, なし otherwise', () => {
    expect(recordingLabel({ recording: 'rec-1', recordingExpired: false })).toBe('あり');
    expect(recordingLabel({ recording: null, recordingExpired: true })).toBe('期限切れ');
    expect(recordingLabel({ recording: null, recordingExpired: false })).toBe('なし');
    expect(recordingLabel({ recording: null })).toBe('なし');
  });
});
