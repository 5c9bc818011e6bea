import type { CommandContext } from '#kernel';

/** Removes the agent from the callback. */
export class UnassignAgentCommand {
  constructor(
    readonly callbackId: string,
    readonly issuedBy: CommandContext,
  ) {}
}
