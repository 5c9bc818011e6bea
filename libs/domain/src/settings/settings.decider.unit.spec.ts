import { describe, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import { settingsDecider } from './settings.decider.js';
import { defaultSystemSettings, type SettingsCommand, type SettingsEvent } from './settings.events.js';

const now = new Date('2024-05-01T00:00:00.000Z');
const change = (changes: SettingsCommand['changes']): SettingsCommand => ({
  type: 'ChangeSystemSettings',
  changes,
  now,
});
const changed = (settings: Partial<typeof defaultSystemSettings>): SettingsEvent => ({
  type: 'SystemSettingsChanged',
  data: { ...defaultSystemSettings, ...settings, changedAt: now.toISOString() },
});

describe('ChangeSystemSettings', () => {
  it('merges a partial change into the defaults and records the full settings', () => {
    given(settingsDecider)
      .when(change({ retentionDays: 30 }))
      .then([changed({ retentionDays: 30 })]);
  });

  it('merges into the current settings', () => {
    given(settingsDecider, [changed({ retentionDays: 30 })])
      .when(change({ bulkRecordingDownload: true, recordingCap: 0 }))
      .then([changed({ retentionDays: 30, bulkRecordingDownload: true, recordingCap: 0 })]);
  });

  it('changes nothing when every value is already set', () => {
    given(settingsDecider)
      .when(change({ ...defaultSystemSettings }))
      .then([]);
    given(settingsDecider).when(change({})).then([]);
    given(settingsDecider, [changed({ searchCap: 5 })])
      .when(change({ searchCap: 5 }))
      .then([]);
  });

  it('accepts the bounds of every range', () => {
    given(settingsDecider)
      .when(change({ retentionDays: 3650, searchCap: 1_000_000, recordingCap: 100_000 }))
      .then([changed({ retentionDays: 3650, searchCap: 1_000_000, recordingCap: 100_000 })]);
    given(settingsDecider)
      .when(change({ retentionDays: 1, searchCap: 1 }))
      .then([changed({ retentionDays: 1, searchCap: 1 })]);
  });

  it('refuses values out of range or of the wrong type, every field at once', () => {
    given(settingsDecider)
      .when(change({ retentionDays: 0, searchCap: 1_000_001, recordingCap: -1, bulkRecordingDownload: 'yes' }))
      .thenThrows('VALIDATION_FAILED', ['retentionDays', 'searchCap', 'recordingCap', 'bulkRecordingDownload']);
    given(settingsDecider)
      .when(change({ retentionDays: 1.5, searchCap: '100', recordingCap: null }))
      .thenThrows('VALIDATION_FAILED', ['retentionDays', 'searchCap', 'recordingCap']);
    given(settingsDecider)
      .when(change({ retentionDays: 3651 }))
      .thenThrows('VALIDATION_FAILED', ['retentionDays']);
  });
});
