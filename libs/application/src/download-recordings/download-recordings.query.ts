import type { Readable } from 'node:stream';

/** 録音一括ダウンロード: the linked recordings registered in a period, as one ZIP (admin, when the option is on). */
export class DownloadRecordingsQuery {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    /** When the download was asked for (names the ZIP). */
    readonly at: Date,
  ) {}
}

export interface RecordingsArchive {
  fileName: string;
  /** A ZIP written as it is read: one entry per recording, then `index.csv`. */
  zip: Readable;
}
