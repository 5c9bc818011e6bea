import { once } from 'node:events';
import type { Readable } from 'node:stream';

export interface ZipEntry {
  name: string;
  /** Opened only when the archive reaches this entry; null = gone meanwhile (skipped). */
  open(): Promise<Readable | null>;
}

/**
 * A ZIP written as it is read: entries are opened one at a time, in order, and stored without
 * compression (audio is compressed already), so memory stays flat however large the files are.
 * A failure destroys the returned stream with the error; a reader that goes away (the stream is
 * destroyed) stops the loop and closes the entry being read. archiver is imported at the first archive,
 * not with the library: threads that serve no download (the read side) skip its ~20 MB.
 */
export async function zipStream(entries: AsyncIterable<ZipEntry>): Promise<Readable> {
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ store: true });
  const closed = new AbortController();
  archive.once('close', () => closed.abort());
  let current: Readable | null = null;
  void (async () => {
    for await (const entry of entries) {
      if (closed.signal.aborted) return;
      current = await entry.open();
      if (current === null) continue;
      const added = once(archive, 'entry', { signal: closed.signal });
      archive.append(current, { name: entry.name });
      await added;
    }
    await archive.finalize();
  })().catch((error: unknown) => {
    (current as Readable | null)?.destroy();
    if (!closed.signal.aborted) archive.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return archive as unknown as Readable;
}
