export interface SystemSettings {
  /** 履歴保持期間: callbacks registered longer ago than this are deleted everywhere. */
  retentionDays: number;
  /** 検索上限: a synchronous search / CSV matching more rows than this is refused. */
  searchCap: number;
  /** At most this many recordings stay linked; the oldest is unlinked beyond it. */
  recordingCap: number;
  bulkRecordingDownload: boolean;
}

export const defaultSystemSettings: SystemSettings = {
  retentionDays: 365,
  searchCap: 10_000,
  recordingCap: 200,
  bulkRecordingDownload: false,
};

/** Stream `settings-system`; each event is the full settings after the change. */
export type SettingsEvent = { type: 'SystemSettingsChanged'; data: SystemSettings & { changedAt: string } };

export type SettingsCommand = {
  type: 'ChangeSystemSettings';
  changes: Partial<Record<keyof SystemSettings, unknown>>;
  now: Date;
};

export type SettingsState = SystemSettings;
