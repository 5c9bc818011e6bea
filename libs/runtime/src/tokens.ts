import { createHash, randomBytes } from 'node:crypto';

/** Tokens are shown once and stored only as their SHA-256 hash. */
export function generateToken(): string {
  return `oks_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A generated sign-in password: 18 random bytes, 24 characters that survive copy and paste. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
