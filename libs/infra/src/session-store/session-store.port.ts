/**
 * Browser sessions: the cookie holds a random session id (256 bits); stores keep only its SHA-256 hash, so
 * a leaked store file or Redis dump cannot be replayed as cookies.
 *
 * Wiring (next step, in the new layout):
 * - composition root: `SqliteSessionStore.open(<DATA_DIR>/sessions.sqlite, policy)` in embedded mode,
 *   `RedisSessionStore.connect(REDIS_URL, { prefix: 'orikaeshi:', policy })` when `REDIS_URL` is set, bound
 *   to `SESSION_STORE`; `policy` from the settings (`SESSION_IDLE_HOURS`, `SESSION_MAX_DAYS`).
 * - `sign-in` opens a session after the password matched and sets the cookie (`Expires` = `expiresAt`);
 *   `sign-out` revokes the cookie's session; `change-own-password` / `set-account-password` call
 *   `revokeAllOf(accountId)` after appending `PasswordSet` (the caller then gets a fresh session).
 * - the auth guard: a request without `Authorization: Bearer` but with the session cookie calls `resolve`;
 *   the account is loaded as for a token, and refused when `sessionPredatesPassword(account, createdAt)`.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface SessionPolicy {
  /** A session unused this long ends (8 h). */
  idleMs: number;
  /** A session ends this long after sign-in, however much it is used (7 days). */
  absoluteMs: number;
  /**
   * Uses closer together than this are not written: the last-seen time is refreshed at most once per
   * interval, so idle expiry is exact to within it and a busy screen does not write on every request.
   */
  touchIntervalMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 8 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  touchIntervalMs: 60 * 1000,
};

export interface OpenedSession {
  /** The secret for the cookie; never logged, never stored. */
  sessionId: string;
  /** When the session ends at the latest (the cookie's `Expires`). */
  expiresAt: Date;
}

export interface ResolvedSession {
  accountId: string;
  /** When the session was opened: compared with the account's `sessionsValidFrom`. */
  createdAt: Date;
}

export interface SessionStore {
  open(accountId: string, now: Date): Promise<OpenedSession>;
  /** The live session of this id (refreshing its last use when due), or null: unknown, revoked or expired. */
  resolve(sessionId: string, now: Date): Promise<ResolvedSession | null>;
  revoke(sessionId: string): Promise<void>;
  /** Ends every session of the account but `exceptSessionId`; gives how many ended. */
  revokeAllOf(accountId: string, exceptSessionId?: string): Promise<number>;
  close(): Promise<void>;
}

export const SESSION_STORE = Symbol('SESSION_STORE');

/** 32 random bytes, base64url (43 characters). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

// Anything else in a cookie is not one of our ids: refused before touching a store.
const sessionIdShape = /^[A-Za-z0-9_-]{43}$/;

/** The stored key of a session id, or null when the text cannot be one of ours. */
export function sessionKey(sessionId: string): string | null {
  if (typeof sessionId !== 'string' || !sessionIdShape.test(sessionId)) return null;
  return createHash('sha256').update(sessionId).digest('hex');
}

/** What a stored session needs to be judged: times in epoch milliseconds. */
export interface StoredSession {
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
}

/** The one judgement every adapter applies: ended, still valid, or valid and due for a touch. */
export function judgeSession(stored: StoredSession, now: number, policy: SessionPolicy): 'expired' | 'valid' | 'touch' {
  if (now - stored.createdAt >= policy.absoluteMs || now - stored.lastSeenAt >= policy.idleMs) return 'expired';
  return now - stored.lastSeenAt >= policy.touchIntervalMs ? 'touch' : 'valid';
}

/** Milliseconds until the session ends if it is not used again (for store-side expiry). */
export function remainingMs(stored: StoredSession, now: number, policy: SessionPolicy): number {
  return Math.max(1, Math.min(stored.lastSeenAt + policy.idleMs, stored.createdAt + policy.absoluteMs) - now);
}
