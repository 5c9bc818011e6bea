import type { Readable } from 'node:stream';
import type { Account, CsvEncoding, SearchCriteria } from '#domain';
import type { CallbackSort } from '#read-store';

/** CSV出力: the current search result as a file, under the same cap as the search. */
export class ExportCallbacksCsvQuery {
  constructor(
    readonly request: { criteria: SearchCriteria; sort: CallbackSort; encoding: CsvEncoding },
    readonly account: Pick<Account, 'columns'>,
  ) {}
}

export interface CallbacksCsvFile {
  /** The CSV bytes, streamed from the read store with back-pressure. */
  content: Readable;
  fileName: string;
  contentType: string;
}
