import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RegisteredRange } from '#domain';
import { DeleteAsyncSearchCommand } from '../delete-async-search/delete-async-search.command.js';
import { DeleteAsyncSearchHandler } from '../delete-async-search/delete-async-search.handler.js';
import { asyncSearchParts, owner, succeedWith, tempBlobs } from '../shared/async-search.fixture.js';
import { exportBlobName } from '../shared/export-blob-name.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ExportExpiry, registeredAtAny, registeredBefore } from './expire-async-search-exports.handler.js';

const hourMs = 60 * 60 * 1000;
const cutoff = '2026-10-21T00:00:00.000Z';
const range = (oldest: string, newest = '2026-11-19T00:00:00.000Z'): RegisteredRange => ({ oldest, newest });

describe('expire-async-search-exports', () => {
  const f = useCaseFixture([], { personalData: true });
  const { request, visible, slots } = asyncSearchParts(f);
  let blobs: Awaited<ReturnType<typeof tempBlobs>>;
  let expiry: ExportExpiry;
  beforeAll(async () => {
    // The blob store stamps files with the real time; the sweep compares them with the clock.
    f.clock.set(new Date());
    blobs = await tempBlobs();
    expiry = new ExportExpiry(f.aggregates, blobs.blobStore, f.clock);
  });
  afterAll(async () => {
    f.close();
    await blobs.remove();
  });

  /** A succeeded search whose file holds rows registered over `span` (null: no rows). */
  async function succeeded(span: RegisteredRange | null) {
    const { id } = await request();
    const stored = await blobs.blobStore.put(exportBlobName(id), Readable.from(['行\r\n']));
    await succeedWith(f, id, stored, span === null ? 0 : 3, span);
    return { id, fileId: stored.fileId };
  }

  it('expires a search whose file holds a callback registered before the cutoff and deletes the file', async () => {
    const old = await succeeded(range('2026-10-20T23:59:59.000Z'));
    const young = await succeeded(range(cutoff));
    const empty = await succeeded(null);

    expect(await expiry.expire(registeredBefore(cutoff))).toBe(1);

    expect(await visible.find(old.id, owner)).toMatchObject({ status: 'expired', fileId: null, rowCount: 3 });
    expect(await blobs.blobStore.get(old.fileId)).toBeNull();
    for (const kept of [young, empty]) {
      expect(await visible.find(kept.id, owner)).toMatchObject({ status: 'succeeded', fileId: kept.fileId });
      expect(await blobs.blobStore.stat(kept.fileId)).not.toBeNull();
    }
    // A second sweep finds nothing more to do.
    expect(await expiry.expire(registeredBefore(cutoff))).toBe(0);
    expect(await f.eventStore.readStream(`asyncsearch-${old.id}`)).toHaveLength(4);
  });

  it('expires, for an erasure, the files whose rows span an erased registration', async () => {
    const spanning = await succeeded(range('2026-12-01T00:00:00.000Z', '2026-12-10T00:00:00.000Z'));
    const later = await succeeded(range('2026-12-06T00:00:00.000Z', '2026-12-10T00:00:00.000Z'));
    expect(await expiry.expire(registeredAtAny(['2026-12-05T12:00:00.000Z']))).toBe(1);
    expect(await visible.find(spanning.id, owner)).toMatchObject({ status: 'expired' });
    expect(await visible.find(later.id, owner)).toMatchObject({ status: 'succeeded' });
  });

  it('deletes a file whose search was deleted, and one written before files were named after their search', async () => {
    const orphan = await succeeded(range(cutoff));
    // The deletion's own file removal failed (a crash): the file stays behind.
    const failingDelete = Object.assign(Object.create(blobs.blobStore) as typeof blobs.blobStore, {
      delete: async () => undefined,
    });
    await new DeleteAsyncSearchHandler(f.aggregates, visible, slots, failingDelete, f.clock).execute(
      new DeleteAsyncSearchCommand(orphan.id, owner, f.issuedBy()),
    );
    const legacy = await blobs.blobStore.put('async-search_20261101_090000.csv', Readable.from(['行\r\n']));

    expect(await expiry.expire(registeredBefore(cutoff))).toBe(2);
    expect(await blobs.blobStore.stat(orphan.fileId)).toBeNull();
    expect(await blobs.blobStore.stat(legacy.fileId)).toBeNull();
  });

  it('keeps a file its run has not recorded yet, and deletes it once no run claimed it for a day', async () => {
    const { id } = await request();
    const unclaimed = await blobs.blobStore.put(exportBlobName(id), Readable.from(['行\r\n']));
    expect(await expiry.expire(registeredBefore(cutoff))).toBe(0);
    expect(await blobs.blobStore.stat(unclaimed.fileId)).not.toBeNull();

    f.clock.advance(25 * hourMs);
    expect(await expiry.expire(registeredBefore(cutoff))).toBe(1);
    expect(await blobs.blobStore.stat(unclaimed.fileId)).toBeNull();
    expect(await visible.find(id, owner)).toMatchObject({ status: 'pending' });
  });
});
