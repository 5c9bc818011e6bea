import { Transform, type TransformCallback } from 'node:stream';

/** The stream carried more bytes than allowed; the consumer stops and removes what it stored. */
export class ByteLimitExceededError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
    this.name = 'ByteLimitExceededError';
  }
}

/** Passes bytes through, counting them, and fails the moment the count passes the limit. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return callback(new ByteLimitExceededError(this.limit));
    callback(null, chunk);
  }
}
