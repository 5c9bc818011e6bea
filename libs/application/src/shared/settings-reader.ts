import { Inject, Injectable } from '@nestjs/common';
import { type SettingsEvent, type SystemSettings, fold, settingsDecider, streamNames } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';

/** The current system settings, folded from `settings-system` (defaults until an admin changes them). */
@Injectable()
export class SettingsReader {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async current(): Promise<{ settings: SystemSettings; version: number }> {
    const recorded = await this.eventStore.readStream(streamNames.settings());
    return {
      settings: fold(settingsDecider, recorded as SettingsEvent[]),
      version: recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision,
    };
  }
}
