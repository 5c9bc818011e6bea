import { afterAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner, succeedWith } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { RetryAsyncSearchCommand } from './retry-async-search.command.js';
import { RetryAsyncSearchHandler } from './retry-async-search.handler.js';

describe('retry-async-search', () => {
  const f = useCaseFixture();
  const { request, visible } = asyncSearchParts(f);
  const handler = new RetryAsyncSearchHandler(f.aggregates, visible, f.clock);
  afterAll(() => f.close());

  it('runs a failed search again: it is pending once more', async () => {
    const { id } = await request();
    const worker = { actor: { id: 'system', name: 'worker', roles: [] }, correlationId: 'spec' };
    await f.aggregates.asyncSearches.run(id, { type: 'StartAsyncSearch', now: f.clock.now() }, worker);
    await f.aggregates.asyncSearches.run(
      id,
      { type: 'FailAsyncSearch', reason: 'disk full', now: f.clock.now() },
      worker,
    );
    expect(await handler.execute(new RetryAsyncSearchCommand(id, owner, f.issuedBy()))).toMatchObject({
      id,
      status: 'pending',
    });
  });

  it('runs an expired search again: pending once more, without the count of the expired run', async () => {
    const { id } = await request();
    const worker = { actor: { id: 'system', name: 'worker', roles: [] }, correlationId: 'spec' };
    await succeedWith(f, id, { fileId: 'file-1', byteSize: 10 }, 2, {
      oldest: '2026-10-01T00:00:00.000Z',
      newest: '2026-10-02T00:00:00.000Z',
    });
    await f.aggregates.asyncSearches.run(
      id,
      { type: 'ExpireAsyncSearch', fileId: 'file-1', now: f.clock.now() },
      worker,
    );
    expect(await handler.execute(new RetryAsyncSearchCommand(id, owner, f.issuedBy()))).toMatchObject({
      id,
      status: 'pending',
    });
    expect(await visible.find(id, owner)).toMatchObject({ status: 'pending', rowCount: null, fileId: null });
  });

  it('refuses to retry a search that has not failed', async () => {
    const { id } = await request();
    await expect(handler.execute(new RetryAsyncSearchCommand(id, owner, f.issuedBy()))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('is NOT_FOUND for another account', async () => {
    const { id } = await request();
    const other = { id: 'someone-else', roles: ['agent' as const] };
    await expect(handler.execute(new RetryAsyncSearchCommand(id, other, f.issuedBy()))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
