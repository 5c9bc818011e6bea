import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner, succeedWith, tempBlobs } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { DeleteAsyncSearchCommand } from './delete-async-search.command.js';
import { DeleteAsyncSearchHandler } from './delete-async-search.handler.js';

describe('delete-async-search', () => {
  const f = useCaseFixture([], { personalData: true });
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
    const stored = await blobs.blobStore.put('result.csv', Readable.from(['a,b\r\n']));
    await succeedWith(f, id, stored, 1);
    await handler.execute(new DeleteAsyncSearchCommand(id, owner, f.issuedBy()));
    await expect(visible.find(id, owner)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await blobs.blobStore.get(stored.fileId)).toBeNull();
    expect((await f.aggregates.asyncSearchQuotas.load(owner.id)).state).toMatchObject({ asyncSearchIds: [] });
  });

  it('shreds the criteria and memo: stored encrypted, and after the delete no key opens them', async () => {
    const { id } = await request({ callerNumber: '090-2222-3333' });
    const stream = `asyncsearch-${id}`;
    const storedText = async () => JSON.stringify((await f.rawEventStore.readStream(stream)).map((e) => e.data));
    expect(await storedText()).not.toContain('09022223333');
    expect(await storedText()).not.toContain('月次');
    expect((await visible.find(id, owner)).request).toMatchObject({ criteria: { callerNumber: '09022223333' } });

    await handler.execute(new DeleteAsyncSearchCommand(id, owner, f.issuedBy()));
    // Only the deletion still reads: it tells the list's projection to drop the row.
    expect((await f.eventStore.readStream(stream)).map((event) => event.type)).toEqual(['AsyncSearchDeleted']);
    const survivors: string[] = [];
    for await (const event of f.eventStore.readAll()) if (event.streamName === stream) survivors.push(event.type);
    expect(survivors).toEqual(['AsyncSearchDeleted']);
  });
});
