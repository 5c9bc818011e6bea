import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asyncSearchParts, owner, succeedWith, tempBlobs } from '../shared/async-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { DownloadAsyncSearchHandler } from './download-async-search.handler.js';
import { DownloadAsyncSearchQuery } from './download-async-search.query.js';

describe('download-async-search', () => {
  const f = useCaseFixture();
  const { request, visible } = asyncSearchParts(f);
  const worker = { actor: { id: 'system', name: 'worker', roles: [] }, correlationId: 'spec' };
  let blobs: Awaited<ReturnType<typeof tempBlobs>>;
  let handler: DownloadAsyncSearchHandler;
  beforeAll(async () => {
    blobs = await tempBlobs();
    handler = new DownloadAsyncSearchHandler(visible, blobs.blobStore);
  });
  afterAll(async () => {
    f.close();
    await blobs.remove();
  });

  it('hands over the file of a succeeded search', async () => {
    const { id } = await request();
    const stored = await blobs.blobStore.put('result.csv', Readable.from(['番号\r\n']));
    await succeedWith(f, id, stored, 0);
    const download = await handler.execute(new DownloadAsyncSearchQuery(id, owner));
    expect(download.encoding).toBe('utf-8');
    expect(await text(download.file)).toBe('番号\r\n');
  });

  it('refuses an expired search, whose file held a callback past retention, and says to run it again', async () => {
    const { id } = await request();
    const stored = await blobs.blobStore.put('result.csv', Readable.from(['番号\r\n']));
    await succeedWith(f, id, stored, 1, { oldest: '2026-10-01T00:00:00.000Z', newest: '2026-10-01T00:00:00.000Z' });
    await f.aggregates.asyncSearches.run(
      id,
      { type: 'ExpireAsyncSearch', fileId: stored.fileId, now: f.clock.now() },
      worker,
    );
    await expect(handler.execute(new DownloadAsyncSearchQuery(id, owner))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('run it again'),
    });
  });

  it('refuses while the search is still pending', async () => {
    const { id } = await request();
    await expect(handler.execute(new DownloadAsyncSearchQuery(id, owner))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });
});
