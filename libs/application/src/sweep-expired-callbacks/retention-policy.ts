import { type SettingsEvent, type SystemSettings, fold, retentionCutoff, settingsDecider, streamNames } from '#domain';
import type { EventStore } from '#event-store';
import { type Clock } from '#runtime';

/**
 * The retention in force (履歴保持期間), read from `settings-system`. The projector refreshes it whenever it
 * sees a settings change, so a shorter retention applies at once.
 */
export class RetentionPolicy {
  private settings: SystemSettings | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  async refresh(): Promise<SystemSettings> {
    const recorded = await this.eventStore.readStream(streamNames.settings());
    this.settings = fold(settingsDecider, recorded as SettingsEvent[]);
    return this.settings;
  }

  /** Callbacks registered before this instant are past retention. */
  async cutoff(): Promise<string> {
    const settings = this.settings ?? (await this.refresh());
    return retentionCutoff(settings.retentionDays, this.clock.now());
  }
}
