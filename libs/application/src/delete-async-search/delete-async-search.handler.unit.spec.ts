import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner, tempBlobs } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { DeleteAsyncSearchCommand } from './delete-async-search.command.js';
import { DeleteAsyncSearchHandler } from './delete-async-search.handler.js';

describe('delete-async-search', () => {
  const f = useCaseFixture();
  const { request, visible, slots } = asyncSearchParts(f);
  let blobs: Awaited<ReturnType<typeof tempBlobs>>;
  let handler: DeleteAsyncSearchHandler;
  beforeAll(async () => {
    blobs = await tempBlobs();
    handler = new DeleteAsyncSearchHandler(f.aggregates, visible, slots, blobs.blobStore, f.clock);
  });
  afterAll(async () => {
    f.close();
    await blobs.remove();
  });

  it('deletes the search and its file, and frees its slot', async () => {
    const { id } = await request();
    const worker = { actor: { id: 'system', name: 'worker', roles: [] }, correlationId: 'spec' };
    const stored = await blobs.blobStore.put('result.csv', Readable.from(['a,b\r\n']));
    await f.aggregates.asyncSearches.run(id, { type: 'StartAsyncSearch', now: f.clock.now() }, worker);
    await f.aggregates.asyncSearches.run(
      id,
      { type: 'SucceedAsyncSearch', ...stored, rowCount: 1, now: f.clock.now() },
      worker,
    );
    await handler.execute(new DeleteAsyncSearchCommand(id, owner, f.issuedBy()));
    await expect(visible.find(id, owner)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await blobs.blobStore.get(stored.fileId)).toBeNull();
    expect((await f.aggregates.asyncSearchQuotas.load(owner.id)).state).toMatchObject({ asyncSearchIds: [] });
  });
});
