import type { RegisterCallbackInput } from '#domain';
import type { CommandContext } from '#kernel';

/** 折り返し呼の登録: idempotent per `requestId` (a retry of the same call changes nothing). */
export class RegisterCallbackCommand {
  constructor(
    readonly input: RegisterCallbackInput,
    readonly issuedBy: CommandContext,
  ) {}
}

export interface RegisterCallbackResult {
  id: string;
  version: number;
  /** False when the same registration was already stored (a retry). */
  created: boolean;
}
