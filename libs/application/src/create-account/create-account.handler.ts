import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, generateToken, hashToken } from '#runtime';
import { activeAccount } from '../shared/active-account.js';
import { Aggregates } from '../shared/aggregates.js';
import { systemActor } from '../shared/system-actor.js';
import { CreateAccountCommand, type CreatedAccount } from './create-account.command.js';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand, CreatedAccount> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request, issuedBy }: CreateAccountCommand): Promise<CreatedAccount> {
    const accountId = randomUUID();
    const token = generateToken();
    const tokenHash = hashToken(token);
    const outcome = await this.aggregates.accounts.run(
      accountId,
      { type: 'CreateAccount', accountId, ...request, tokenHash, now: this.clock.now() },
      issuedBy,
    );
    // A token hash names one account for ever (`token-<hash>`, looked up at login).
    await this.aggregates.tokens.run(
      tokenHash,
      { type: 'BindToken', tokenHash, accountId },
      { actor: systemActor, correlationId: issuedBy.correlationId },
    );
    return { account: activeAccount(outcome.state), token };
  }
}
