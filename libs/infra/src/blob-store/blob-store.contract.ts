import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { BlobStore } from './blob-store.port.js';

export interface BlobStoreFixture {
  store: BlobStore;
  close(): Promise<void>;
}

/** The behaviour every BlobStore adapter must show; each adapter's spec runs it. */
export function describeBlobStoreContract(adapter: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${adapter}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => fixture.close());

    it('stores a stream and gives back the same bytes, size, name and content type', async () => {
      const csv = Buffer.from('\uFEFFID,メモ\r\ncb-1,折り返し希望\r\n', 'utf8');
      const stored = await store.put('非同期検索_20250102.csv', Readable.from([csv]), {
        contentType: 'text/csv; charset=utf-8',
      });

      expect(stored.byteSize).toBe(csv.length);
      expect(await buffer((await store.get(stored.fileId))!)).toEqual(csv);
      expect(await store.stat(stored.fileId)).toEqual({
        fileId: stored.fileId,
        byteSize: csv.length,
        name: '非同期検索_20250102.csv',
        contentType: 'text/csv; charset=utf-8',
        createdAt: expect.any(Date),
      });
    });

    it('round-trips a multi-megabyte file written in many chunks', async () => {
      const chunks = Array.from({ length: 48 }, () => randomBytes(64 * 1024));
      const stored = await store.put('big.csv', Readable.from(chunks));

      expect(stored.byteSize).toBe(48 * 64 * 1024);
      expect((await buffer((await store.get(stored.fileId))!)).equals(Buffer.concat(chunks))).toBe(true);
    });

    it('gives every put its own id, even for the same name', async () => {
      const first = await store.put('same.csv', Readable.from([Buffer.from('a')]));
      const second = await store.put('same.csv', Readable.from([Buffer.from('b')]));

      expect(first.fileId).not.toBe(second.fileId);
      expect((await buffer((await store.get(first.fileId))!)).toString()).toBe('a');
    });

    it('answers null for unknown ids and for ids it could never have made', async () => {
      const { fileId } = await store.put('x.csv', Readable.from([Buffer.from('x')]));
      const unknown = fileId.replace(/.$/, (last) => (last === '0' ? '1' : '0'));

      for (const id of [unknown, '../../etc/passwd', '/etc/passwd', '', 'x'.repeat(24)]) {
        expect(await store.get(id)).toBeNull();
        expect(await store.stat(id)).toBeNull();
      }
    });

    it('deletes idempotently: gone after the first delete, no error on the second', async () => {
      const { fileId } = await store.put('gone.csv', Readable.from([Buffer.from('bye')]));

      await store.delete(fileId);
      await store.delete(fileId);
      await store.delete('../not-an-id');

      expect(await store.get(fileId)).toBeNull();
      expect(await store.stat(fileId)).toBeNull();
    });

    it('serves a byte range: exactly those bytes, first, middle and last', async () => {
      const bytes = randomBytes(300 * 1024);
      const { fileId } = await store.put('take.wav', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      const range = async (start: number, end: number) => buffer((await store.get(fileId, { start, end }))!);

      expect((await range(100, 199)).equals(bytes.subarray(100, 200))).toBe(true);
      expect((await range(0, 0)).equals(bytes.subarray(0, 1))).toBe(true);
      // Across GridFS's 255 KiB chunk boundary.
      expect((await range(250_000, 270_000)).equals(bytes.subarray(250_000, 270_001))).toBe(true);
      expect((await range(bytes.length - 10, bytes.length - 1)).equals(bytes.subarray(bytes.length - 10))).toBe(true);
    });

    it('answers null for a range of a deleted blob', async () => {
      const { fileId } = await store.put('gone.wav', Readable.from([Buffer.alloc(500, 1)]));
      await store.delete(fileId);

      expect(await store.get(fileId, { start: 100, end: 199 })).toBeNull();
    });

    it('lists the blobs stored before an instant, and no deleted ones', async () => {
      const kept = await store.put('kept.wav', Readable.from([Buffer.from('k')]));
      const deleted = await store.put('deleted.wav', Readable.from([Buffer.from('d')]));
      await store.delete(deleted.fileId);
      const list = async (before: Date) => {
        const ids: string[] = [];
        for await (const info of store.listCreatedBefore(before)) ids.push(info.fileId);
        return ids;
      };

      const later = await list(new Date(Date.now() + 60_000));
      expect(later).toContain(kept.fileId);
      expect(later).not.toContain(deleted.fileId);
      expect(await list(new Date(Date.now() - 60_000))).not.toContain(kept.fileId);
    });

    it('rejects a put whose source fails', async () => {
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.alloc(300 * 1024, 0x61);
        throw new Error('read store cursor lost');
      }
      await expect(store.put('broken.csv', Readable.from(failing()))).rejects.toThrow('read store cursor lost');
    });
  });
}
