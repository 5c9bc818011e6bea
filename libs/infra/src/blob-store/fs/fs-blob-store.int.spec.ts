import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describeBlobStoreContract } from '../blob-store.contract.js';
import { FsBlobStore } from './fs-blob-store.js';

const roots: string[] = [];
async function freshDataDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'orikaeshi-blobs-'));
  roots.push(root);
  return root;
}
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describeBlobStoreContract('filesystem directory', async () => ({
  store: FsBlobStore.forExports(await freshDataDir()),
  close: async () => undefined,
}));

describe('FsBlobStore', () => {
  it('keeps blobs under <DATA_DIR>/exports, named by generated id only', async () => {
    const dataDir = await freshDataDir();
    const store = FsBlobStore.forExports(dataDir);
    const { fileId } = await store.put('../../escape.csv', Readable.from([Buffer.from('x')]));

    expect((await readdir(join(dataDir, 'exports'))).sort()).toEqual([fileId, `${fileId}.meta.json`].sort());
    expect(await readdir(dataDir)).toEqual(['exports']);
  });

  it('leaves no file at all when the source fails midway', async () => {
    const dataDir = await freshDataDir();
    const store = FsBlobStore.forExports(dataDir);
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(1024 * 1024, 0x61);
      throw new Error('boom');
    }

    await expect(store.put('broken.csv', Readable.from(failing()))).rejects.toThrow('boom');
    expect(await readdir(join(dataDir, 'exports'))).toEqual([]);
  });

  it('shows nothing while a blob is being written', async () => {
    const dataDir = await freshDataDir();
    const store = FsBlobStore.forExports(dataDir);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    async function* slow(): AsyncGenerator<Buffer> {
      yield Buffer.from('first half,');
      await released;
      yield Buffer.from('second half');
    }

    const putting = store.put('slow.csv', Readable.from(slow()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const visibleWhileWriting = (await readdir(join(dataDir, 'exports'))).filter((name) => !name.startsWith('.'));
    release();
    const { fileId } = await putting;

    expect(visibleWhileWriting).toEqual([]);
    expect((await store.stat(fileId))?.byteSize).toBe('first half,second half'.length);
  });

  it('sweeps temporary files left by a crash once they are old', async () => {
    const dataDir = await freshDataDir();
    const store = FsBlobStore.forExports(dataDir);
    const { fileId } = await store.put('kept.csv', Readable.from([Buffer.from('x')]));
    const stale = join(store.directory, '.tmp-crashed');
    const fresh = join(store.directory, '.tmp-in-progress');
    await writeFile(stale, 'half');
    await writeFile(fresh, 'half');
    await utimes(stale, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));

    expect(await store.sweepTemporaryFiles(3_600_000)).toBe(1);
    expect((await readdir(store.directory)).sort()).toEqual(['.tmp-in-progress', fileId, `${fileId}.meta.json`].sort());
  });
});
