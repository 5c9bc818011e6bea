import { hasControlCharacter, parseRequiredText } from '../shared/text.js';
import { invalid } from '../shared/validation.js';
import { callbackColumns, roles, type CallbackColumn, type Role } from './account.events.js';

export const emailMaxLength = 254;

/**
 * A deliberately simple email check (the mail server is the real judge): one `@`, no spaces, a local
 * part and a dotted-or-not domain without empty labels. The domain is lower-cased, the local part kept.
 * Null, absent or blank give null (no email / clear it).
 */
export function parseEmail(raw: unknown, field = 'email'): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') invalid(field, 'must be a string or null');
  const email = raw.trim();
  if (email === '') return null;
  if (email.length > emailMaxLength) invalid(field, `must be at most ${emailMaxLength} characters`);
  const match = /^([^\s@]+)@([^\s@]+)$/.exec(email);
  if (!match || match[2].split('.').some((label) => label === '') || hasControlCharacter(email)) {
    invalid(field, 'must be an email address such as name@example.com');
  }
  return `${match[1]}@${match[2].toLowerCase()}`;
}

export function parseAccountName(raw: unknown, field = 'name'): string {
  return parseRequiredText(raw, field);
}

/** One or more known roles; repeats are dropped, the first order kept. */
export function parseRoles(raw: unknown, field = 'roles'): Role[] {
  if (!Array.isArray(raw)) invalid(field, 'must be a list of roles');
  if (raw.length === 0) invalid(field, 'must name at least one role');
  const unknown = raw.filter((role) => !(roles as readonly unknown[]).includes(role));
  if (unknown.length > 0) {
    invalid(field, `unknown role(s) ${unknown.map((r) => JSON.stringify(r)).join(', ')}; known: ${roles.join(', ')}`);
  }
  return [...new Set(raw as Role[])];
}

/** The visible list columns in order: one or more known columns, each at most once. */
export function parseColumns(raw: unknown, field = 'columns'): CallbackColumn[] {
  if (!Array.isArray(raw)) invalid(field, 'must be a list of columns');
  if (raw.length === 0) invalid(field, 'must name at least one column');
  const unknown = raw.filter((column) => !(callbackColumns as readonly unknown[]).includes(column));
  if (unknown.length > 0) {
    invalid(field, `unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  if (new Set(raw).size !== raw.length) invalid(field, 'must not repeat a column');
  return [...(raw as CallbackColumn[])];
}
