import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import type { CommandResult } from '../shared/command-result.js';
import { CompleteCallbackCommand } from './complete-callback.command.js';

@CommandHandler(CompleteCallbackCommand)
export class CompleteCallbackHandler implements ICommandHandler<CompleteCallbackCommand, CommandResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callbackId, issuedBy }: CompleteCallbackCommand): Promise<CommandResult> {
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'CompleteCallback', callbackId, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version };
  }
}
