import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, type GridFSFile, ObjectId, type Db } from 'mongodb';
import type { BlobInfo, BlobMeta, BlobStore, ByteRange, StoredBlob } from '../blob-store.port.js';

/** GridFS ids are ObjectIds; their 24-hex form is the fileId. Anything else cannot be ours. */
const FILE_ID = /^[0-9a-f]{24}$/;

function infoOf(file: GridFSFile): BlobInfo {
  const contentType: unknown = file.metadata?.contentType;
  return {
    fileId: file._id.toHexString(),
    byteSize: file.length,
    name: file.filename,
    contentType: typeof contentType === 'string' ? contentType : null,
    createdAt: file.uploadDate,
  };
}

/**
 * Blobs in MongoDB GridFS (production). GridFS writes the chunks first and the `files` document last,
 * so a blob is visible only when complete; a failed upload is aborted, which removes its chunks.
 */
export class GridFsBlobStore implements BlobStore {
  private readonly bucket: GridFSBucket;

  constructor(
    private readonly db: Db,
    readonly bucketName = 'exports',
  ) {
    this.bucket = new GridFSBucket(db, { bucketName });
  }

  async put(name: string, source: Readable, meta: BlobMeta = {}): Promise<StoredBlob> {
    const upload = this.bucket.openUploadStream(name, { metadata: { contentType: meta.contentType ?? null } });
    try {
      await pipeline(source, upload);
    } catch (error) {
      // abort() removes the chunks written so far; it refuses a stream pipeline() already destroyed,
      // so the chunks are then removed directly. Without a files document they were never visible.
      await upload
        .abort()
        .catch(() => this.db.collection(`${this.bucketName}.chunks`).deleteMany({ files_id: upload.id }));
      throw error;
    }
    return { fileId: upload.id.toHexString(), byteSize: upload.gridFSFile?.length ?? upload.length };
  }

  async get(fileId: string, range?: ByteRange): Promise<Readable | null> {
    const info = await this.stat(fileId);
    if (info === null) return null;
    // GridFS's `end` is exclusive, an HTTP range's is inclusive.
    const options = range ? { start: range.start, end: range.end + 1 } : {};
    return this.bucket.openDownloadStream(new ObjectId(fileId), options);
  }

  async stat(fileId: string): Promise<BlobInfo | null> {
    if (!FILE_ID.test(fileId)) return null;
    const file = await this.bucket.find({ _id: new ObjectId(fileId) }, { limit: 1 }).next();
    return file === null ? null : infoOf(file);
  }

  async *listCreatedBefore(before: Date): AsyncIterable<BlobInfo> {
    for await (const file of this.bucket.find({ uploadDate: { $lt: before } })) yield infoOf(file);
  }

  async delete(fileId: string): Promise<void> {
    if (!FILE_ID.test(fileId)) return;
    const _id = new ObjectId(fileId);
    // Not bucket.delete(): it throws for a missing file, and a half-deleted blob (files doc gone,
    // chunks left by a crash) must still be cleaned up by a repeated delete.
    await this.db.collection(`${this.bucketName}.files`).deleteOne({ _id });
    await this.db.collection(`${this.bucketName}.chunks`).deleteMany({ files_id: _id });
  }
}
