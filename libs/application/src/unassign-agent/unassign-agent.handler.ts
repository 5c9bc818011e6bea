import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import type { CommandResult } from '../shared/command-result.js';
import { UnassignAgentCommand } from './unassign-agent.command.js';

@CommandHandler(UnassignAgentCommand)
export class UnassignAgentHandler implements ICommandHandler<UnassignAgentCommand, CommandResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callbackId, issuedBy }: UnassignAgentCommand): Promise<CommandResult> {
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'UnassignAgent', callbackId, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version };
  }
}
