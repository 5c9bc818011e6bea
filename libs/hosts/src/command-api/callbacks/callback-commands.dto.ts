import { z } from 'zod';

const text = z.string().max(10_000);
const optionalText = text.nullable().optional();
const expectedVersion = z.number().int().min(0).nullable().optional();

/** `POST /callbacks`. Types and unknown fields are checked here; the domain checks the meaning. */
export const registerCallbackBody = z.strictObject({
  requestId: text,
  receivedAt: text,
  callCenter: text,
  businessLabel: optionalText,
  callerNumber: optionalText,
  ourNumber: text,
  recordingId: optionalText,
  registeredAt: optionalText,
});
export type RegisterCallbackBody = z.output<typeof registerCallbackBody>;

export const assignAgentBody = z.strictObject({ agent: text, expectedVersion });
export const editMemoBody = z.strictObject({ memo: text, expectedVersion });
/** Commands without data accept an empty body or only `expectedVersion`. */
export const bareCommandBody = z.strictObject({ expectedVersion });

export const commandResult = z.object({ id: z.string(), version: z.number().int() });
