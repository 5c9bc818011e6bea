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

    it('rejects a put whose source fails', async () => {
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.alloc(300 * 1024, 0x61);
        throw new Error('read store cursor lost');
      }
      await expect(store.put('broken.csv', Readable.from(failing()))).rejects.toThrow('read store cursor lost');
    });
  });
}
