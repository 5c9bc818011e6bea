import { codePointLength, invalid } from './validation.js';

/** Upper bound of short single-line texts: names, labels, ids (in code points). */
export const boundedTextMaxLength = 200;

// Single-line fields end up in CSV cells, mail subjects and logs: control characters have no place there.
const controlCharacters = /\p{Cc}/u;

export function hasControlCharacter(text: string): boolean {
  return controlCharacters.test(text);
}

/** A required single-line text: trimmed, not empty, at most `max` code points. */
export function parseRequiredText(raw: unknown, field: string, max = boundedTextMaxLength): string {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  const text = raw.trim();
  if (text === '') invalid(field, 'must not be empty');
  if (codePointLength(text) > max) invalid(field, `must be at most ${max} characters`);
  if (hasControlCharacter(text)) invalid(field, 'must not contain control characters');
  return text;
}

/** An optional single-line text: absent, null or blank give null; otherwise as `parseRequiredText`. */
export function parseOptionalText(raw: unknown, field: string, max = boundedTextMaxLength): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  return parseRequiredText(raw, field, max);
}
