import { describe, expect, it } from '@jest/globals';
import { given } from '../shared/decider.spec-helper.js';
import { asyncSearchQuotaDecider } from './async-search-quota.decider.js';
import { asyncSearchLimitPerAccount, type AsyncSearchQuotaEvent } from './async-search.events.js';

const accountId = 'acc-1';
const taken = (asyncSearchId: string): AsyncSearchQuotaEvent => ({
  type: 'AsyncSearchSlotTaken',
  data: { accountId, asyncSearchId },
});
const released = (asyncSearchId: string): AsyncSearchQuotaEvent => ({
  type: 'AsyncSearchSlotReleased',
  data: { accountId, asyncSearchId },
});
const take = (asyncSearchId: string) => ({ type: 'TakeAsyncSearchSlot', accountId, asyncSearchId }) as const;
const release = (asyncSearchId: string) => ({ type: 'ReleaseAsyncSearchSlot', accountId, asyncSearchId }) as const;
const full = Array.from({ length: asyncSearchLimitPerAccount }, (_, i) => taken(`s${i}`));

describe('async search quota', () => {
  it('takes a slot while fewer than the limit are held', () => {
    const state = given(asyncSearchQuotaDecider, full.slice(1))
      .when(take('new'))
      .then([taken('new')]);
    expect(state.asyncSearchIds).toHaveLength(asyncSearchLimitPerAccount);
  });

  it('refuses the 11th search', () => {
    given(asyncSearchQuotaDecider, full).when(take('new')).thenThrows('ASYNC_SEARCH_LIMIT');
  });

  it('changes nothing when the search already holds a slot, even at the limit', () => {
    given(asyncSearchQuotaDecider, full).when(take('s3')).then([]);
  });

  it('frees a slot on release, so the next search fits', () => {
    const state = given(asyncSearchQuotaDecider, full)
      .when(release('s3'))
      .then([released('s3')]);
    expect(state.asyncSearchIds).not.toContain('s3');
    given(asyncSearchQuotaDecider, [...full, released('s3')])
      .when(take('new'))
      .then([taken('new')]);
  });

  it('changes nothing when releasing a slot not held', () => {
    given(asyncSearchQuotaDecider, [taken('a'), released('a')])
      .when(release('a'))
      .then([]);
    given(asyncSearchQuotaDecider).when(release('a')).then([]);
  });
});
