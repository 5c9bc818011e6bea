import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { callbackIdFor } from '../shared/callback-id.js';
import { RegisterCallbackCommand, type RegisterCallbackResult } from './register-callback.command.js';

@CommandHandler(RegisterCallbackCommand)
export class RegisterCallbackHandler implements ICommandHandler<RegisterCallbackCommand, RegisterCallbackResult> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, issuedBy }: RegisterCallbackCommand): Promise<RegisterCallbackResult> {
    const callbackId = callbackIdFor(input.requestId);
    const outcome = await this.aggregates.callbacks.run(
      callbackId,
      { type: 'RegisterCallback', callbackId, input, now: this.clock.now() },
      issuedBy,
    );
    return { id: callbackId, version: outcome.version, created: outcome.appended > 0 };
  }
}
