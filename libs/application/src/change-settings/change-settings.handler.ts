import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { ChangeSettingsCommand, type SettingsResult } from './change-settings.command.js';

@CommandHandler(ChangeSettingsCommand)
export class ChangeSettingsHandler implements ICommandHandler<ChangeSettingsCommand, SettingsResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ changes, issuedBy }: ChangeSettingsCommand): Promise<SettingsResult> {
    const outcome = await this.aggregates.settings.run(
      'system',
      { type: 'ChangeSystemSettings', changes, now: this.clock.now() },
      issuedBy,
    );
    return { settings: outcome.state, version: outcome.version };
  }
}
