import type { SettingsCommand, SystemSettings } from '#domain';
import type { CommandContext } from '#kernel';

/** 設定の変更 (administrators): fields left out keep their value. */
export class ChangeSettingsCommand {
  constructor(
    readonly changes: Extract<SettingsCommand, { type: 'ChangeSystemSettings' }>['changes'],
    readonly issuedBy: CommandContext,
  ) {}
}

export interface SettingsResult {
  settings: SystemSettings;
  version: number;
}
