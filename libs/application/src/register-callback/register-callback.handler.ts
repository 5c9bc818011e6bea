import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#domain';
import { StreamGoneError } from '#kernel';
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
    const outcome = await this.aggregates.callbacks
      .run(callbackId, { type: 'RegisterCallback', callbackId, input, now: this.clock.now() }, issuedBy)
      .catch((error: unknown) => {
        // The requestId's callback was deleted by retention or an erasure request: a requestId names one
        // request, so this is a stale retry, never a new callback (docs/decisions.md, tombstones).
        if (error instanceof StreamGoneError) {
          throw new DomainError(
            'DUPLICATE_REQUEST',
            'this requestId was already used by a callback that has since been deleted (retention or erasure request)',
          );
        }
        throw error;
      });
    return { id: callbackId, version: outcome.version, created: outcome.appended > 0 };
  }
}
