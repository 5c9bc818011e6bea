import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';

export interface ZipEntry {
  name: string;
  /** Opened only when the archive reaches this entry; null = gone meanwhile (skipped). */
  open(): Promise<Readable | null>;
}

/**
 * A ZIP written as it is read: entries are opened one at a time, in order, and stored without
 * compression (audio is compressed already), so memory stays flat however large the files are.
 * A failure destroys the returned stream with the error.
 */
export function zipStream(entries: AsyncIterable<ZipEntry>): Readable {
  const archive = new ZipArchive({ store: true });
  void (async () => {
    for await (const entry of entries) {
      const source = await entry.open();
      if (source === null) continue;
      const added = once(archive, 'entry');
      archive.append(source, { name: entry.name });
      await added;
    }
    await archive.finalize();
  })().catch((error: unknown) => archive.destroy(error instanceof Error ? error : new Error(String(error))));
  return archive as unknown as Readable;
}
