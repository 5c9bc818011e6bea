import { Inject, Injectable } from '@nestjs/common';
import { type Account, accountDecider, fold, streamNames, type AccountEvent, type TokenEvent } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { upcast } from '#runtime';
import { hashToken } from '#runtime';

/**
 * Finds the account a bearer token belongs to, straight from the event store (read-your-writes: an account
 * works the moment it is created). `token-<hash>` names the account; the account's own stream says
 * whether that hash is still its current token.
 */
@Injectable()
export class AccountDirectory {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async authenticate(token: string): Promise<Account | null> {
    const tokenHash = hashToken(token);
    const binding = await this.eventStore.readStream(streamNames.token(tokenHash));
    const bound = binding[0] as unknown as TokenEvent | undefined;
    if (!bound) return null;
    const account = await this.find(bound.data.accountId);
    return account && account.tokenHash === tokenHash ? account : null;
  }

  async find(accountId: string): Promise<Account | null> {
    const events = await this.eventStore.readStream(streamNames.account(accountId));
    const state = fold(accountDecider, events.map(upcast) as AccountEvent[]);
    if (state.status !== 'active') return null;
    const { status: _status, ...account } = state;
    return account;
  }
}
