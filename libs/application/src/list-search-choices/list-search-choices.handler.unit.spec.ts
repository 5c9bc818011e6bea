import { describe, expect, it } from '@jest/globals';
import type { CallbackChoices, SearchChoices } from '#read-store';
import { ListSearchChoicesHandler } from './list-search-choices.handler.js';
import { ListSearchChoicesQuery } from './list-search-choices.query.js';

describe('list-search-choices', () => {
  it('answers the values the callback view holds', async () => {
    const choices: SearchChoices = {
      callCenters: ['大阪', '東京'],
      businessLabels: ['製品サポート'],
      agents: ['佐藤'],
    };
    const store: CallbackChoices = { searchChoices: async () => choices };
    expect(await new ListSearchChoicesHandler(store).execute(new ListSearchChoicesQuery())).toEqual(choices);
  });
});
