import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import type { CommandResult } from '../shared/command-result.js';
import { AssignAgentCommand } from './assign-agent.command.js';

@CommandHandler(AssignAgentCommand)
export class AssignAgentHandler implements ICommandHandler<AssignAgentCommand, CommandResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callbackId, agent, issuedBy }: AssignAgentCommand): Promise<CommandResult> {
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'AssignAgent', callbackId, agent, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version };
  }
}
