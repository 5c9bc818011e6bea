import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncFile, writeFileAtomically } from '../../shared/atomic-file.js';
import type { BlobInfo, BlobMeta, BlobStore, ByteRange, StoredBlob } from '../blob-store.port.js';

/** Our ids are v4 UUIDs; anything else (`../x`, absolute paths, …) is refused before touching the disk. */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TEMPORARY_PREFIX = '.tmp-';

interface SidecarMeta {
  name: string;
  contentType: string | null;
  createdAt: string;
}

/**
 * Blobs as files in one directory (embedded mode: `<DATA_DIR>/exports`). Each blob is `<fileId>` with
 * a `<fileId>.meta.json` sidecar. Bytes go to a dot-prefixed temporary file first and are renamed into
 * place only when complete and fsynced, so a crash never leaves a visible half-written blob.
 */
export class FsBlobStore implements BlobStore {
  constructor(readonly directory: string) {}

  static forExports(dataDir: string): FsBlobStore {
    return new FsBlobStore(join(dataDir, 'exports'));
  }

  static forRecordings(dataDir: string): FsBlobStore {
    return new FsBlobStore(join(dataDir, 'recordings'));
  }

  async put(name: string, source: Readable, meta: BlobMeta = {}): Promise<StoredBlob> {
    await mkdir(this.directory, { recursive: true });
    const fileId = randomUUID();
    const temporary = join(this.directory, `${TEMPORARY_PREFIX}${fileId}`);
    try {
      await pipeline(source, createWriteStream(temporary, { flags: 'wx' }));
      await syncFile(temporary);
      const { size } = await stat(temporary);
      const sidecar: SidecarMeta = { name, contentType: meta.contentType ?? null, createdAt: new Date().toISOString() };
      await writeFileAtomically(this.metaPath(fileId), JSON.stringify(sidecar));
      // The blob's own rename is the commit point: before it, get/stat see nothing.
      await rename(temporary, this.blobPath(fileId));
      return { fileId, byteSize: size };
    } catch (error) {
      await rm(temporary, { force: true });
      await rm(this.metaPath(fileId), { force: true });
      throw error;
    }
  }

  async get(fileId: string, range?: ByteRange): Promise<Readable | null> {
    if (!FILE_ID.test(fileId)) return null;
    const path = this.blobPath(fileId);
    // Open eagerly so a missing file is a null here, not an error later on the stream.
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(null) : reject(error)));
    });
  }

  async stat(fileId: string): Promise<BlobInfo | null> {
    if (!FILE_ID.test(fileId)) return null;
    let byteSize: number;
    let modified: Date;
    try {
      const stats = await stat(this.blobPath(fileId));
      byteSize = stats.size;
      modified = stats.mtime;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const sidecar = await this.readSidecar(fileId);
    return {
      fileId,
      byteSize,
      name: sidecar?.name ?? fileId,
      contentType: sidecar?.contentType ?? null,
      createdAt: sidecar ? new Date(sidecar.createdAt) : modified,
    };
  }

  async delete(fileId: string): Promise<void> {
    if (!FILE_ID.test(fileId)) return;
    // Blob first: once it is gone the blob is deleted as far as any reader can tell.
    await rm(this.blobPath(fileId), { force: true });
    await rm(this.metaPath(fileId), { force: true });
  }

  async *listCreatedBefore(before: Date): AsyncIterable<BlobInfo> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter((entry) => FILE_ID.test(entry))) {
      const info = await this.stat(name);
      if (info && info.createdAt < before) yield info;
    }
  }

  /** Removes temporary files a crashed process left behind (older than `olderThanMs`); returns how many. */
  async sweepTemporaryFiles(olderThanMs = 3_600_000, now = new Date()): Promise<number> {
    let removed = 0;
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter((entry) => entry.startsWith(TEMPORARY_PREFIX))) {
      const path = join(this.directory, name);
      const stats = await stat(path).catch(() => null);
      if (stats && now.getTime() - stats.mtime.getTime() >= olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  private blobPath(fileId: string): string {
    return join(this.directory, fileId);
  }

  private metaPath(fileId: string): string {
    return join(this.directory, `${fileId}.meta.json`);
  }

  private async readSidecar(fileId: string): Promise<SidecarMeta | null> {
    try {
      return JSON.parse(await readFile(this.metaPath(fileId), 'utf8')) as SidecarMeta;
    } catch {
      return null;
    }
  }
}
