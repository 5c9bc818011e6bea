import type { Decider } from '../shared/decider.js';
import { assertNever } from '../shared/decider.js';
import { DomainError } from '../shared/domain-error.js';
import type { AsyncSearchQuotaCommand, AsyncSearchQuotaState } from './async-search.commands.js';
import { asyncSearchLimitPerAccount, type AsyncSearchQuotaEvent } from './async-search.events.js';

function decide(command: AsyncSearchQuotaCommand, state: AsyncSearchQuotaState): AsyncSearchQuotaEvent[] {
  const { accountId, asyncSearchId } = command;
  const held = state.asyncSearchIds.includes(asyncSearchId);
  switch (command.type) {
    case 'TakeAsyncSearchSlot':
      if (held) return [];
      if (state.asyncSearchIds.length >= asyncSearchLimitPerAccount) {
        throw new DomainError(
          'ASYNC_SEARCH_LIMIT',
          `at most ${asyncSearchLimitPerAccount} asynchronous searches are kept per account; delete one first`,
        );
      }
      return [{ type: 'AsyncSearchSlotTaken', data: { accountId, asyncSearchId } }];
    case 'ReleaseAsyncSearchSlot':
      return held ? [{ type: 'AsyncSearchSlotReleased', data: { accountId, asyncSearchId } }] : [];
    default:
      return assertNever(command);
  }
}

function evolve(state: AsyncSearchQuotaState, event: AsyncSearchQuotaEvent): AsyncSearchQuotaState {
  const { asyncSearchId } = event.data;
  switch (event.type) {
    case 'AsyncSearchSlotTaken':
      return state.asyncSearchIds.includes(asyncSearchId)
        ? state
        : { asyncSearchIds: [...state.asyncSearchIds, asyncSearchId] };
    case 'AsyncSearchSlotReleased':
      return { asyncSearchIds: state.asyncSearchIds.filter((id) => id !== asyncSearchId) };
    default:
      return assertNever(event);
  }
}

/**
 * The async searches one account keeps (stream `asyncsearchquota-<accountId>`). Appended with the exact
 * expected revision, it keeps the limit of 10 under concurrent requests.
 */
export const asyncSearchQuotaDecider: Decider<AsyncSearchQuotaCommand, AsyncSearchQuotaEvent, AsyncSearchQuotaState> = {
  initialState: () => ({ asyncSearchIds: [] }),
  evolve,
  decide,
};
