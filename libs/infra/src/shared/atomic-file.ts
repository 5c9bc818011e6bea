import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Name of a temporary sibling: dot-prefixed so listings and globs of finished files never see it. */
export function temporarySibling(path: string): string {
  return join(dirname(path), `.tmp-${randomUUID()}-${basename(path)}`);
}

/** Flushes a written file to disk so a rename cannot publish a name whose bytes a crash then loses. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` so readers see either nothing or the whole file: write a temporary sibling
 * in the same directory (same file system, so rename is atomic), fsync it, rename it into place.
 */
export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = temporarySibling(path);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
