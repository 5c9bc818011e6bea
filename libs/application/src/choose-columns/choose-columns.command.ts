import type { CommandContext } from '#kernel';

/** 表示項目の選択: the visible list columns and their order (narrowing searches these). */
export class ChooseColumnsCommand {
  constructor(
    readonly accountId: string,
    readonly columns: string[],
    readonly issuedBy: CommandContext,
  ) {}
}
