import { afterAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';

describe('request-async-search', () => {
  const f = useCaseFixture();
  const { request, visible } = asyncSearchParts(f);
  afterAll(() => f.close());

  it('creates a pending search that records the owner columns for narrowing', async () => {
    const created = await request({ callCenter: '東京' });
    expect(created).toMatchObject({ status: 'pending', requestedAt: f.clock.now().toISOString() });
    const search = await visible.find(created.id, owner);
    expect(search.request).toMatchObject({ criteria: { callCenter: '東京' }, narrowingColumns: ['callCenter'] });
  });

  it('refuses bad criteria without taking a slot', async () => {
    await expect(request({ from: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const quota = await f.aggregates.asyncSearchQuotas.load(owner.id);
    expect(quota.version).toBe(0); // only the first test's slot
  });

  it('refuses the eleventh search an account keeps', async () => {
    for (let i = 0; i < 9; i++) await request();
    await expect(request()).rejects.toMatchObject({ code: 'ASYNC_SEARCH_LIMIT' });
  });
});
