import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, hashToken } from '#runtime';
import { Aggregates } from '../shared/aggregates.js';
import { systemActor } from '../shared/system-actor.js';
import { IssueTokenCommand } from './issue-token.command.js';

/** The account the administrator token belongs to. */
export const bootstrapAdminId = 'admin';

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand, void> {
  private readonly logger = new Logger('accounts');

  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ token }: IssueTokenCommand): Promise<void> {
    const tokenHash = hashToken(token);
    const issuedBy = { actor: systemActor, correlationId: 'bootstrap' };
    const now = this.clock.now();
    const { version } = await this.aggregates.accounts.load(bootstrapAdminId);
    if (version === null) {
      await this.aggregates.accounts.run(
        bootstrapAdminId,
        { type: 'CreateAccount', accountId: bootstrapAdminId, name: 'Administrator', roles: ['admin'], tokenHash, now },
        issuedBy,
      );
      this.logger.log('created the administrator account');
    } else {
      const outcome = await this.aggregates.accounts.run(
        bootstrapAdminId,
        { type: 'IssueToken', tokenHash, now },
        issuedBy,
      );
      if (outcome.appended > 0) this.logger.log('the administrator token changed; the previous one no longer works');
    }
    await this.aggregates.tokens.run(
      tokenHash,
      { type: 'BindToken', tokenHash, accountId: bootstrapAdminId },
      issuedBy,
    );
  }
}
