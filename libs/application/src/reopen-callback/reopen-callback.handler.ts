import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import type { CommandResult } from '../shared/command-result.js';
import { ReopenCallbackCommand } from './reopen-callback.command.js';

@CommandHandler(ReopenCallbackCommand)
export class ReopenCallbackHandler implements ICommandHandler<ReopenCallbackCommand, CommandResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callbackId, issuedBy }: ReopenCallbackCommand): Promise<CommandResult> {
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'ReopenCallback', callbackId, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version };
  }
}
