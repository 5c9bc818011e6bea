import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Account, Decider } from '#domain';
import { actorOf } from '../auth/auth.guard.js';
import { type CommandOutcome, RunAggregateCommand } from './run-aggregate-command.js';

export interface IssuedBy {
  account: Pick<Account, 'id' | 'name' | 'roles'>;
  correlationId: string;
  expectedVersion?: number | null;
}

/** What controllers call: wraps a domain command with who sent it and dispatches it on the CommandBus. */
@Injectable()
export class CommandGateway {
  constructor(private readonly commandBus: CommandBus) {}

  run<Command, Event extends { type: string; data: unknown }, State>(
    streamName: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    issuedBy: IssuedBy,
  ): Promise<CommandOutcome<State>> {
    return this.commandBus.execute(
      new RunAggregateCommand(streamName, decider, command, {
        actor: actorOf(issuedBy.account),
        correlationId: issuedBy.correlationId,
        expectedVersion: issuedBy.expectedVersion ?? null,
      }),
    ) as Promise<CommandOutcome<State>>;
  }
}
