import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KeyStore } from '#kernel';

/** What every key store promises; run against SQLite always and MongoDB when MONGO_URL is set. */
export function keyStoreContract(name: string, open: () => Promise<KeyStore>) {
  describe(`key store contract: ${name}`, () => {
    let store: KeyStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(() => store.close());

    it('keeps the first key created under an id and answers it to every later creation', async () => {
      const id = `callback-${randomUUID()}`;
      expect(await store.find(id)).toBeNull();
      const first = Buffer.from('first-wrapped-key');
      expect(await store.createIfAbsent(id, first)).toEqual(first);
      expect(await store.createIfAbsent(id, Buffer.from('second'))).toEqual(first);
      expect(await store.find(id)).toEqual(first);
    });

    it('shreds for good: the key is gone, known as shredded, and cannot be created again', async () => {
      const id = `callback-${randomUUID()}`;
      await store.createIfAbsent(id, Buffer.from('wrapped'));
      const never = `callback-${randomUUID()}`;
      await store.shred([id, never]);
      expect(await store.find(id)).toBe('shredded');
      expect(await store.find(never)).toBe('shredded');
      expect(await store.createIfAbsent(id, Buffer.from('again'))).toBe('shredded');
    });
  });
}
