import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { LoginEvent } from './account.events.js';

/** `loginKey` is the SHA-256 of the normalised login (`normaliseLogin`): stream names never hold an email. */
export type LoginCommand = { type: 'ClaimLogin'; loginKey: string; accountId: string };

export type LoginState = { status: 'absent' } | { status: 'claimed'; loginKey: string; accountId: string };

function decide(command: LoginCommand, state: LoginState): LoginEvent[] {
  switch (command.type) {
    case 'ClaimLogin':
      if (state.status === 'absent') {
        return [{ type: 'LoginClaimed', data: { loginKey: command.loginKey, accountId: command.accountId } }];
      }
      if (state.accountId === command.accountId) return [];
      throw new DomainError('INVALID_TRANSITION', 'this name or email is already the sign-in of another account');
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: LoginState, event: LoginEvent): LoginState {
  switch (event.type) {
    case 'LoginClaimed':
      return { status: 'claimed', loginKey: event.data.loginKey, accountId: event.data.accountId };
    default:
      return assertNever(event.type);
  }
}

/**
 * Stream `login-<key>`: a sign-in name (an account's name or email, normalised) belongs to one account, for
 * ever, claimed with "no stream" like a token hash, so two accounts can never answer to the same login.
 */
export const loginDecider: Decider<LoginCommand, LoginEvent, LoginState> = {
  initialState: () => ({ status: 'absent' }),
  evolve,
  decide,
};
