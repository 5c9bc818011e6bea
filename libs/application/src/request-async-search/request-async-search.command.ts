import type { Account, AsyncSearchStatus, CsvEncoding } from '#domain';
import type { CommandContext } from '#kernel';

/** 非同期検索の依頼: at most 10 kept per account; the CSV is written by the export worker. */
export class RequestAsyncSearchCommand {
  constructor(
    readonly request: {
      criteria: Record<string, unknown>;
      memo?: string | null;
      notify?: boolean;
      encoding?: CsvEncoding;
    },
    readonly owner: Pick<Account, 'id' | 'email' | 'columns'>,
    readonly issuedBy: CommandContext,
  ) {}
}

export interface RequestedAsyncSearch {
  id: string;
  status: AsyncSearchStatus;
  requestedAt: string;
}
