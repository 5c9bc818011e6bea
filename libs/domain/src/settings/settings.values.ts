import { invalid, parseAll } from '../shared/validation.js';
import type { SystemSettings } from './settings.events.js';

/** Allowed ranges of the integer settings (inclusive). */
export const settingsLimits = {
  retentionDays: { min: 1, max: 3650 },
  searchCap: { min: 1, max: 1_000_000 },
  recordingCap: { min: 0, max: 100_000 },
} as const;

function parseInteger(raw: unknown, field: keyof typeof settingsLimits): number {
  const { min, max } = settingsLimits[field];
  if (typeof raw !== 'number' || !Number.isInteger(raw)) invalid(field, 'must be an integer');
  if (raw < min || raw > max) invalid(field, `must be between ${min} and ${max}`);
  return raw;
}

function parseBoolean(raw: unknown, field: string): boolean {
  if (typeof raw !== 'boolean') invalid(field, 'must be true or false');
  return raw;
}

/** Validates the settings present in `changes` (an undefined value = not changed); all errors at once. */
export function parseSettingsChanges(changes: Partial<Record<keyof SystemSettings, unknown>>): Partial<SystemSettings> {
  const parsed = parseAll({
    retentionDays: () =>
      changes.retentionDays === undefined ? undefined : parseInteger(changes.retentionDays, 'retentionDays'),
    searchCap: () => (changes.searchCap === undefined ? undefined : parseInteger(changes.searchCap, 'searchCap')),
    recordingCap: () =>
      changes.recordingCap === undefined ? undefined : parseInteger(changes.recordingCap, 'recordingCap'),
    bulkRecordingDownload: () =>
      changes.bulkRecordingDownload === undefined
        ? undefined
        : parseBoolean(changes.bulkRecordingDownload, 'bulkRecordingDownload'),
  });
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}
