import type { Readable } from 'node:stream';
import type { Account, CsvEncoding } from '#domain';

/** The CSV of a succeeded search (409 INVALID_TRANSITION before, and once expired; 404 when the file is gone). */
export class DownloadAsyncSearchQuery {
  constructor(
    readonly asyncSearchId: string,
    readonly account: Pick<Account, 'id' | 'roles'>,
  ) {}
}

export interface AsyncSearchFile {
  file: Readable;
  encoding: CsvEncoding;
  requestedAt: string;
}
