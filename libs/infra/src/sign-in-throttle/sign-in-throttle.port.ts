/**
 * Brute-force brake on password sign-in: after `maxFailures` failed sign-ins for one login within `windowMs`,
 * further tries are refused until the oldest of those failures leaves the window (a sliding window).
 *
 * Wiring (next step): bound to `SIGN_IN_THROTTLE` (SQLite table in the sessions file when embedded, Redis with
 * the sessions when `REDIS_URL` is set, so every instance sees the same count). The `sign-in` use case calls
 * `check(login)` first; refused → 429 `TOO_MANY_REQUESTS` with `Retry-After: retryAfterSeconds`, without
 * looking at the password. Otherwise it verifies the password (dummy hash for an unknown login), then
 * `recordFailure(login)` on a mismatch (answer 401 `UNAUTHENTICATED`, same body for unknown logins) or
 * `clear(login)` on success. Refused tries are not recorded, so the lockout never grows past the window.
 */
import { createHash } from 'node:crypto';
import { normaliseLogin } from '#domain';

export interface SignInThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

export const defaultSignInThrottlePolicy: SignInThrottlePolicy = { maxFailures: 5, windowMs: 10 * 60 * 1000 };

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface SignInThrottle {
  check(login: string, now: Date): Promise<ThrottleVerdict>;
  recordFailure(login: string, now: Date): Promise<void>;
  clear(login: string): Promise<void>;
  close(): Promise<void>;
}

export const SIGN_IN_THROTTLE = Symbol('SIGN_IN_THROTTLE');

/**
 * The key of a login: normalised as the sign-in lookup compares logins, then hashed so stores never hold
 * the logins people typed, which may be someone's email address.
 */
export function throttleKey(login: string): string {
  return createHash('sha256').update(normaliseLogin(login)).digest('hex');
}

/** The verdict for the failure times (epoch ms, any order) still stored for one login. */
export function verdictFor(failures: readonly number[], now: number, policy: SignInThrottlePolicy): ThrottleVerdict {
  const recent = failures.filter((at) => at > now - policy.windowMs).sort((a, b) => a - b);
  if (recent.length < policy.maxFailures) return { allowed: true };
  // Tries resume once fewer than maxFailures remain in the window: when this failure has left it.
  const releasing = recent[recent.length - policy.maxFailures] as number;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((releasing + policy.windowMs - now) / 1000)) };
}
