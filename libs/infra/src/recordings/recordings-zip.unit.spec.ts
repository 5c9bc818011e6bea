import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ZipEntry, zipStream } from './recordings-zip.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function* entriesOf(list: ZipEntry[]): AsyncGenerator<ZipEntry> {
  yield* list;
}

describe('zipStream', () => {
  it('writes the entries in order, skipping one that is gone, as a ZIP unzip accepts', async () => {
    const zip = await zipStream(
      entriesOf([
        { name: 'a.wav', open: async () => Readable.from([Buffer.from('first')]) },
        { name: 'gone.wav', open: async () => null },
        { name: 'index.csv', open: async () => Readable.from([Buffer.from('\uFEFFファイル名\r\n')]) },
      ]),
    );
    const dir = await mkdtemp(join(tmpdir(), 'orikaeshi-zip-'));
    dirs.push(dir);
    const file = join(dir, 'out.zip');
    await writeFile(file, await buffer(zip));

    await run('unzip', ['-t', file]);
    expect((await run('unzip', ['-Z1', file])).stdout.trim().split('\n')).toEqual(['a.wav', 'index.csv']);
    expect((await run('unzip', ['-p', file, 'a.wav'])).stdout).toBe('first');
  });

  it('closes the entry being read when the reader goes away', async () => {
    let opened: Readable | null = null;
    const endless = new Readable({ read() {} });
    endless.push(Buffer.alloc(1024));
    const zip = await zipStream(entriesOf([{ name: 'endless.wav', open: async () => (opened = endless) }]));
    zip.resume();
    await new Promise<void>((resolve) => {
      const check = () => (opened ? resolve() : setImmediate(check));
      check();
    });
    zip.destroy();
    await new Promise<void>((resolve) => (endless.destroyed ? resolve() : endless.once('close', () => resolve())));
    expect(endless.destroyed).toBe(true);
  });
});
