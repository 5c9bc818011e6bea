import type { Account } from '#domain';
import type { CommandContext } from '#kernel';

/** 削除: deletes the search and its file; frees its place among the owner's 10. */
export class DeleteAsyncSearchCommand {
  constructor(
    readonly asyncSearchId: string,
    readonly account: Pick<Account, 'id' | 'roles'>,
    readonly issuedBy: CommandContext,
  ) {}
}
