import { describe, expect, it } from '@jest/globals';
import type { AsyncSearchList, AsyncSearchListRow } from '#read-store';
import { ListAsyncSearchesHandler } from './list-async-searches.handler.js';
import { ListAsyncSearchesQuery } from './list-async-searches.query.js';

describe('list-async-searches', () => {
  it("answers the owner's rows of the list view, asking for that owner only", async () => {
    const asked: string[] = [];
    const row = { id: 'a1', memo: '月次' } as unknown as AsyncSearchListRow;
    const list: AsyncSearchList = {
      listAsyncSearches: async (ownerId) => (asked.push(ownerId), ownerId === 'owner-1' ? [row] : []),
      getAsyncSearch: async () => null,
    };
    const handler = new ListAsyncSearchesHandler(list);
    expect(await handler.execute(new ListAsyncSearchesQuery('owner-1'))).toEqual([row]);
    expect(await handler.execute(new ListAsyncSearchesQuery('owner-2'))).toEqual([]);
    expect(asked).toEqual(['owner-1', 'owner-2']);
  });
});
