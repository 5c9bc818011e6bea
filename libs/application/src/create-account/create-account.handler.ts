import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AccountCommand, accountDecider, parsePassword } from '#domain';
import { PASSWORD_HASHER, type PasswordHasher } from '#infra';
import { CLOCK, type Clock, generateToken, hashToken } from '#runtime';
import { activeAccount } from '../shared/active-account.js';
import { Aggregates } from '../shared/aggregates.js';
import { claimLogins } from '../shared/sign-in-logins.js';
import { systemActor } from '../shared/system-actor.js';
import { CreateAccountCommand, type CreatedAccount } from './create-account.command.js';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand, CreatedAccount> {
  constructor(
    private readonly aggregates: Aggregates,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
  ) {}

  async execute({ request, issuedBy }: CreateAccountCommand): Promise<CreatedAccount> {
    const { password, ...fields } = request;
    const accountId = randomUUID();
    const token = generateToken();
    const tokenHash = hashToken(token);
    const passwordHash = password == null ? null : await this.hasher.hash(parsePassword(password));
    const command: AccountCommand = {
      type: 'CreateAccount',
      accountId,
      ...fields,
      tokenHash,
      passwordHash,
      now: this.clock.now(),
    };
    // Decided once up front (pure) so a bad field is refused before anything is written; the name and email
    // then become sign-in logins, claimed before the account so a taken one creates nothing.
    const [created] = accountDecider.decide(command, accountDecider.initialState());
    if (created?.type !== 'AccountCreated') throw new Error('CreateAccount decided no AccountCreated');
    const { name, email } = created.data;
    await claimLogins(this.aggregates, accountId, email ? [name, email] : [name], issuedBy);
    const outcome = await this.aggregates.accounts.run(accountId, command, issuedBy);
    // A token hash names one account for ever (`token-<hash>`, looked up at login).
    await this.aggregates.tokens.run(
      tokenHash,
      { type: 'BindToken', tokenHash, accountId },
      { actor: systemActor, correlationId: issuedBy.correlationId },
    );
    return { account: activeAccount(outcome.state), token };
  }
}
