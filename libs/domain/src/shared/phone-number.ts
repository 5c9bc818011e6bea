import { invalid } from './validation.js';

export const phoneNumberMaxDigits = 32;

// Separators people type in numbers: spaces, parentheses and every dash a keyboard or an IME produces
// (a Japanese IME turns "-" into "ー" or "−"). NFKC has already folded the full-width forms.
const separators = /[\s()\-‐‑‒–—―−ー─━]/g;

/**
 * Normalises a phone number or extension to digits with an optional leading `+`
 * (`０３－１２３４－５６７８` → `0312345678`, `+81 3-1234-5678` → `+81312345678`).
 * Returns null when the text is not a phone number: usable on search input as well.
 */
export function normalizePhoneNumber(raw: string): string | null {
  if (raw.length > 200) return null;
  const compact = raw.normalize('NFKC').replace(separators, '');
  const match = /^(\+?)(\d+)$/.exec(compact);
  if (!match || match[2].length > phoneNumberMaxDigits) return null;
  return match[1] + match[2];
}

export function parsePhoneNumber(raw: unknown, field: string): string {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  const normalized = normalizePhoneNumber(raw);
  if (normalized === null) {
    invalid(field, `must be a phone number: 1 to ${phoneNumberMaxDigits} digits, optionally a leading +`);
  }
  return normalized;
}

/** Absent, null or blank give null (the caller's number was withheld). */
export function parseOptionalPhoneNumber(raw: unknown, field: string): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && raw.trim() === '') return null;
  return parsePhoneNumber(raw, field);
}
