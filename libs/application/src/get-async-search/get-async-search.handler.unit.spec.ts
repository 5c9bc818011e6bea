import { afterAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { GetAsyncSearchHandler } from './get-async-search.handler.js';
import { GetAsyncSearchQuery } from './get-async-search.query.js';

describe('get-async-search', () => {
  const f = useCaseFixture();
  const { request, visible } = asyncSearchParts(f);
  const handler = new GetAsyncSearchHandler(visible);
  afterAll(() => f.close());

  it('shows the owner and an administrator the search, and nobody else', async () => {
    const { id } = await request();
    expect((await handler.execute(new GetAsyncSearchQuery(id, owner))).request.memo).toBe('月次');
    expect((await handler.execute(new GetAsyncSearchQuery(id, { id: 'boss', roles: ['admin'] }))).status).toBe(
      'pending',
    );
    await expect(handler.execute(new GetAsyncSearchQuery(id, { id: 'x', roles: ['agent'] }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('is NOT_FOUND for an id that is not a search id', async () => {
    await expect(handler.execute(new GetAsyncSearchQuery('../etc', owner))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
