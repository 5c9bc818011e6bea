import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Account, type AccountState, type TokenEvent, accountDecider, streamNames } from '#domain';
import { EVENT_STORE, type EventStore, WrongExpectedRevisionError } from '#event-store';
import { CLOCK, type Clock } from '#runtime';
import { CommandGateway, type IssuedBy } from '../commands/command-gateway.js';
import { generateToken, hashToken } from '#runtime';

/** The account the first admin token belongs to. */
export const bootstrapAdminId = 'admin';

/** Acts for the service itself (start-up bootstrap), not for a person. */
export const systemAccount = { id: 'system', name: 'system', roles: ['admin' as const] };

/**
 * Creates accounts with their first token, and makes sure the configured admin token works.
 * A token is bound to its account in `token-<hash>` ("no stream": a hash can name one account only).
 */
@Injectable()
export class AccountProvisioner {
  private readonly logger = new Logger('accounts');

  constructor(
    private readonly commands: CommandGateway,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(
    request: { accountId: string; name: string; email?: string | null; roles: string[] },
    issuedBy: IssuedBy,
  ): Promise<{ account: Account; token: string }> {
    const token = generateToken();
    const tokenHash = hashToken(token);
    const outcome = await this.commands.run(
      streamNames.account(request.accountId),
      accountDecider,
      { type: 'CreateAccount', ...request, tokenHash, now: this.clock.now() },
      issuedBy,
    );
    await this.bindToken(tokenHash, request.accountId, issuedBy.correlationId);
    return { account: activeAccount(outcome.state), token };
  }

  /** Idempotent: run at every start with the configured or generated admin token. */
  async ensureAdminToken(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    const issuedBy = { account: systemAccount, correlationId: 'bootstrap' };
    const existing = await this.eventStore.readStream(streamNames.account(bootstrapAdminId));
    const now = this.clock.now();
    if (existing.length === 0) {
      await this.commands.run(
        streamNames.account(bootstrapAdminId),
        accountDecider,
        { type: 'CreateAccount', accountId: bootstrapAdminId, name: 'Administrator', roles: ['admin'], tokenHash, now },
        issuedBy,
      );
      this.logger.log('created the administrator account');
    } else {
      const outcome = await this.commands.run(
        streamNames.account(bootstrapAdminId),
        accountDecider,
        { type: 'IssueToken', tokenHash, now },
        issuedBy,
      );
      if (outcome.appended > 0) this.logger.log('the administrator token changed; the previous one no longer works');
    }
    await this.bindToken(tokenHash, bootstrapAdminId, issuedBy.correlationId);
  }

  private async bindToken(tokenHash: string, accountId: string, correlationId: string): Promise<void> {
    const binding: TokenEvent = { type: 'TokenBound', data: { tokenHash, accountId } };
    try {
      await this.eventStore.appendToStream(
        streamNames.token(tokenHash),
        [
          {
            ...binding,
            metadata: {
              actor: systemAccount,
              occurredAt: this.clock.now().toISOString(),
              correlationId,
              causationId: null,
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      // Already bound (a restart with the same admin token): fine when it names the same account.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const [bound] = await this.eventStore.readStream(streamNames.token(tokenHash));
      if ((bound?.data as TokenEvent['data'] | undefined)?.accountId !== accountId) {
        throw new Error('this token is already bound to another account', { cause: error });
      }
    }
  }
}

export function activeAccount(state: AccountState): Account {
  if (state.status !== 'active') throw new Error('the account does not exist after a successful command');
  const { status: _status, ...account } = state;
  return account;
}
