import { parseOptionalPhoneNumber, parsePhoneNumber } from '../shared/phone-number.js';
import { parseOptionalText, parseRequiredText } from '../shared/text.js';
import { parsePastTimestamp } from '../shared/timestamp.js';
import { codePointLength, invalid, parseAll } from '../shared/validation.js';
import type { RegisterCallbackInput } from './callback.commands.js';
import type { CallbackRegisteredData } from './callback.events.js';

export const memoMaxLength = 1_000;

/** In search criteria `-` means "unassigned", so no agent may be called that. */
export const unassignedAgentCriterion = '-';

/** A memo (or search memo): at most 1,000 code points, kept as typed; `''` means "no memo". */
export function parseMemo(raw: unknown, field = 'memo'): string {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  if (codePointLength(raw) > memoMaxLength) invalid(field, `must be at most ${memoMaxLength} characters`);
  return raw;
}

export function parseAgent(raw: unknown, field = 'agent'): string {
  const agent = parseRequiredText(raw, field);
  if (agent === unassignedAgentCriterion) invalid(field, `"${unassignedAgentCriterion}" is reserved for "unassigned"`);
  return agent;
}

/**
 * Validates and normalises a registration: every field's error at once, then the cross-field rule that a
 * call is received before its callback is registered.
 */
export function parseRegistration(callbackId: string, input: RegisterCallbackInput, now: Date): CallbackRegisteredData {
  const registeredAtGiven = input.registeredAt !== undefined && input.registeredAt !== null;
  const fields = parseAll({
    requestId: () => parseRequiredText(input.requestId, 'requestId'),
    receivedAt: () => parsePastTimestamp(input.receivedAt, 'receivedAt', now),
    registeredAt: () =>
      registeredAtGiven ? parsePastTimestamp(input.registeredAt, 'registeredAt', now) : now.toISOString(),
    callCenter: () => parseRequiredText(input.callCenter, 'callCenter'),
    businessLabel: () => parseOptionalText(input.businessLabel, 'businessLabel'),
    callerNumber: () => parseOptionalPhoneNumber(input.callerNumber, 'callerNumber'),
    ourNumber: () => parsePhoneNumber(input.ourNumber, 'ourNumber'),
    recordingId: () => parseOptionalText(input.recordingId, 'recordingId'),
  });
  if (fields.receivedAt > fields.registeredAt) invalid('receivedAt', 'must not be after registeredAt');
  return { callbackId, ...fields, registeredAtGiven };
}

/**
 * Whether a registration repeats a stored one (an integration retry). `registeredAt` only counts when both
 * were set by the client: otherwise it is the server's clock at each attempt and naturally differs.
 */
export function isSameRegistration(stored: CallbackRegisteredData, retry: CallbackRegisteredData): boolean {
  const sameFields = (
    ['requestId', 'receivedAt', 'callCenter', 'businessLabel', 'callerNumber', 'ourNumber', 'recordingId'] as const
  ).every((key) => stored[key] === retry[key]);
  const compareRegisteredAt = stored.registeredAtGiven && retry.registeredAtGiven;
  return sameFields && (!compareRegisteredAt || stored.registeredAt === retry.registeredAt);
}
