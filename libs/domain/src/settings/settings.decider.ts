import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import type { SettingsCommand, SettingsEvent, SettingsState, SystemSettings } from './settings.events.js';
import { defaultSystemSettings } from './settings.events.js';
import { parseSettingsChanges } from './settings.values.js';

const settingKeys = Object.keys(defaultSystemSettings) as (keyof SystemSettings)[];

function decide(command: SettingsCommand, state: SettingsState): SettingsEvent[] {
  switch (command.type) {
    case 'ChangeSystemSettings': {
      const settings: SystemSettings = { ...state, ...parseSettingsChanges(command.changes) };
      if (settingKeys.every((key) => settings[key] === state[key])) return [];
      return [{ type: 'SystemSettingsChanged', data: { ...settings, changedAt: command.now.toISOString() } }];
    }
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: SettingsState, event: SettingsEvent): SettingsState {
  switch (event.type) {
    case 'SystemSettingsChanged': {
      const { retentionDays, searchCap, recordingCap, bulkRecordingDownload } = event.data;
      return { retentionDays, searchCap, recordingCap, bulkRecordingDownload };
    }
    default:
      return assertNever(event.type);
  }
}

/** The system settings (stream `settings-system`); a stream without events holds the defaults. */
export const settingsDecider: Decider<SettingsCommand, SettingsEvent, SettingsState> = {
  initialState: () => ({ ...defaultSystemSettings }),
  evolve,
  decide,
};
