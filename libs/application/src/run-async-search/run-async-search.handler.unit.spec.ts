import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Narrowing } from '#read-store';
import { asyncSearchParts, owner, tempBlobs } from '../shared/async-search.fixture.js';
import { callbackRow } from '../shared/callback-search.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { RunAsyncSearchHandler } from './run-async-search.handler.js';

describe('run-async-search', () => {
  const f = useCaseFixture();
  const { request, visible } = asyncSearchParts(f);
  const narrowings: (Narrowing | undefined)[] = [];
  const rows = [
    callbackRow('c1', { registeredAt: '2026-11-20T03:00:00.000Z' }),
    callbackRow('c2', { registeredAt: '2026-10-02T00:00:00.000Z' }),
    callbackRow('c3', { registeredAt: '2026-11-01T12:00:00.000Z' }),
  ];
  let blobs: Awaited<ReturnType<typeof tempBlobs>>;
  let handler: RunAsyncSearchHandler;
  beforeAll(async () => {
    blobs = await tempBlobs();
    handler = new RunAsyncSearchHandler({
      eventStore: f.eventStore,
      readStore: {
        async *stream(_criteria, narrowing) {
          narrowings.push(narrowing);
          yield* rows;
        },
      },
      blobStore: blobs.blobStore,
      clock: f.clock,
      displayTimeZone: 'Asia/Tokyo',
      mailer: null,
    });
  });
  afterAll(async () => {
    f.close();
    await blobs.remove();
  });

  const job = (jobId: string) => ({ jobId, payload: { asyncSearchId: jobId }, attempt: 1, attempts: 3 });

  it('writes every matching row (narrowed in the columns recorded at request time) and succeeds', async () => {
    const { id } = await request();
    await handler.handle(job(id));
    const search = await visible.find(id, owner);
    expect(search).toMatchObject({ status: 'succeeded', rowCount: 3 });
    expect(narrowings.at(-1)).toEqual({ columns: ['callCenter'] });
    const file = await blobs.blobStore.get(search.fileId!);
    expect((await text(file!)).trim().split('\r\n')).toHaveLength(4);
  });

  it('records the span of registrations the file holds, and names the file after its search', async () => {
    const { id } = await request();
    await handler.handle(job(id));
    const search = await visible.find(id, owner);
    expect(search.registeredRange).toEqual({ oldest: '2026-10-02T00:00:00.000Z', newest: '2026-11-20T03:00:00.000Z' });
    expect(await blobs.blobStore.stat(search.fileId!)).toMatchObject({ name: `${id}.csv` });
  });

  it('does nothing for a job whose search was already finished (a replayed job)', async () => {
    const { id } = await request();
    await handler.handle(job(id));
    const before = await f.eventStore.readStream(`asyncsearch-${id}`);
    await handler.handle(job(id));
    expect(await f.eventStore.readStream(`asyncsearch-${id}`)).toHaveLength(before.length);
  });

  it('records the failure with its reason once the queue gives up', async () => {
    const { id } = await request();
    await handler.failFinally(id, 'disk full');
    expect(await visible.find(id, owner)).toMatchObject({ status: 'failed', error: 'disk full' });
  });
});
