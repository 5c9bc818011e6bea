import { invalid } from '../shared/validation.js';

/** Bounds of a password, counted in code points as a person counts characters (api.md: at least 12). */
export const passwordMinLength = 12;
/** Long enough for any passphrase, short enough that hashing a hostile body costs nothing unusual. */
export const passwordMaxLength = 256;

/**
 * Checks a clear password a person typed, before the application hashes it; the domain never sees the
 * clear password in a command or an event. The result is NFKC-normalised (as NIST SP 800-63B advises) so
 * the same password typed through another keyboard or input method (full-width digits, composed kana)
 * still matches. Spaces are kept: they are part of a passphrase.
 */
export function parsePassword(raw: unknown, field = 'password'): string {
  if (typeof raw !== 'string') invalid(field, 'must be a string');
  const password = raw.normalize('NFKC');
  const length = [...password].length;
  if (length < passwordMinLength) invalid(field, `must be at least ${passwordMinLength} characters`);
  if (length > passwordMaxLength) invalid(field, `must be at most ${passwordMaxLength} characters`);
  if (password.trim() === '') invalid(field, 'must not be only spaces');
  return password;
}

const passwordHashMaxLength = 512;

/**
 * A password hash as the hasher encodes it: opaque to the domain, but never empty, blank or huge, so a
 * wiring mistake (a clear password or an empty string) is refused rather than recorded.
 */
export function parsePasswordHash(raw: unknown, field = 'passwordHash'): string {
  if (typeof raw !== 'string' || raw === '' || /\s/.test(raw) || raw.length > passwordHashMaxLength) {
    invalid(field, 'must be an encoded password hash');
  }
  if (!raw.includes('$')) invalid(field, 'must be an encoded password hash');
  return raw;
}

/**
 * Whether a session opened at `openedAt` still speaks for the account: a password change (the account's
 * `sessionsValidFrom`) ends every session opened before it, on every instance, even one whose session store
 * missed the revocation.
 */
export function sessionPredatesPassword(account: { sessionsValidFrom: string | null }, openedAt: Date): boolean {
  return account.sessionsValidFrom !== null && openedAt.getTime() < Date.parse(account.sessionsValidFrom);
}

/**
 * A sign-in name (email or account name) as it is compared: NFKC, trimmed, lower-cased, so `Sato@Example.com`
 * and `ｓａｔｏ@example.com ` are the same login for the lookup and for counting failed sign-ins.
 */
export function normaliseLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}
