import type { CommandContext } from '#kernel';

/** 担当者の割り当て: assigns an agent to the callback (or replaces the one assigned). */
export class AssignAgentCommand {
  constructor(
    readonly callbackId: string,
    readonly agent: string,
    readonly issuedBy: CommandContext,
  ) {}
}
