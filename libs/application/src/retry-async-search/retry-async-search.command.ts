import type { Account } from '#domain';
import type { CommandContext } from '#kernel';

/** 再実行: runs a failed or expired search again (409 INVALID_TRANSITION otherwise). */
export class RetryAsyncSearchCommand {
  constructor(
    readonly asyncSearchId: string,
    readonly account: Pick<Account, 'id' | 'roles'>,
    readonly issuedBy: CommandContext,
  ) {}
}
