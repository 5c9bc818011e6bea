import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import type { CommandResult } from '../shared/command-result.js';
import { EditMemoCommand } from './edit-memo.command.js';

@CommandHandler(EditMemoCommand)
export class EditMemoHandler implements ICommandHandler<EditMemoCommand, CommandResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ callbackId, memo, issuedBy }: EditMemoCommand): Promise<CommandResult> {
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'EditMemo', callbackId, memo, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version };
  }
}
