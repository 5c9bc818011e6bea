import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { TokenEvent } from './account.events.js';

export type TokenCommand = { type: 'BindToken'; tokenHash: string; accountId: string };

export type TokenState = { status: 'absent' } | { status: 'bound'; tokenHash: string; accountId: string };

function decide(command: TokenCommand, state: TokenState): TokenEvent[] {
  switch (command.type) {
    case 'BindToken':
      if (state.status === 'absent') {
        return [{ type: 'TokenBound', data: { tokenHash: command.tokenHash, accountId: command.accountId } }];
      }
      if (state.accountId === command.accountId) return [];
      throw new DomainError('INVALID_TRANSITION', 'token is already bound to another account');
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: TokenState, event: TokenEvent): TokenState {
  switch (event.type) {
    case 'TokenBound':
      return { status: 'bound', tokenHash: event.data.tokenHash, accountId: event.data.accountId };
    default:
      return assertNever(event.type);
  }
}

/** Stream `token-<hash>`: a token hash belongs to one account, for ever (lookup by hash at login). */
export const tokenDecider: Decider<TokenCommand, TokenEvent, TokenState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
