import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultSessionPolicy, type SessionPolicy, type SessionStore } from './session-store.port.js';

export interface SessionStoreUnderTest {
  store: SessionStore;
  /** Everything the adapter persisted, as text: the contract checks no session id appears in it. */
  dump(): Promise<string>;
}

export type OpenSessionStore = (policy: SessionPolicy) => Promise<SessionStoreUnderTest>;

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** The behaviour every SessionStore adapter must show; each adapter's spec runs it. */
export function describeSessionStoreContract(adapter: string, openStore: OpenSessionStore): void {
  describe(`SessionStore contract: ${adapter}`, () => {
    const opened: SessionStore[] = [];
    const storeWith = async (policy: SessionPolicy = defaultSessionPolicy) => {
      const underTest = await openStore(policy);
      opened.push(underTest.store);
      return underTest;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const t0 = new Date('2026-04-01T09:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    it('a signed-in session resolves to its account; ids are 256-bit random and differ', async () => {
      const { store } = await storeWith();
      const first = await store.open('acc-1', t0);
      const second = await store.open('acc-1', t0);
      expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.sessionId).not.toBe(second.sessionId);
      expect(first.expiresAt).toEqual(at(7 * day));
      expect(await store.resolve(first.sessionId, at(1000))).toEqual({ accountId: 'acc-1', createdAt: t0 });
    });

    it('stores only a hash of the session id', async () => {
      const { store, dump } = await storeWith();
      const { sessionId } = await store.open('acc-1', t0);
      const stored = await dump();
      expect(stored).toContain('acc-1');
      expect(stored).not.toContain(sessionId);
    });

    it('an unknown, malformed or empty id resolves to nothing', async () => {
      const { store } = await storeWith();
      await store.open('acc-1', t0);
      for (const sessionId of ['', 'x', 'A'.repeat(43), 'A'.repeat(5000), '../../etc/passwd']) {
        expect(await store.resolve(sessionId, t0)).toBeNull();
      }
    });

    it('ends after 8 hours without use', async () => {
      const { store } = await storeWith();
      const { sessionId } = await store.open('acc-1', t0);
      expect(await store.resolve(sessionId, at(8 * hour - 1000))).not.toBeNull();
      const other = await store.open('acc-1', t0);
      expect(await store.resolve(other.sessionId, at(8 * hour))).toBeNull();
    });

    it('use keeps it alive past 8 hours, but never past 7 days', async () => {
      const { store } = await storeWith();
      const { sessionId } = await store.open('acc-1', t0);
      for (let elapsed = 4 * hour; elapsed < 7 * day; elapsed += 4 * hour) {
        expect(await store.resolve(sessionId, at(elapsed))).not.toBeNull();
      }
      expect(await store.resolve(sessionId, at(7 * day))).toBeNull();
      // Ended means gone: an earlier clock does not bring it back.
      expect(await store.resolve(sessionId, at(1000))).toBeNull();
    });

    it('does not write every use: a use within the touch interval leaves the recorded last use as it was', async () => {
      const { store } = await storeWith({ ...defaultSessionPolicy, touchIntervalMs: 60_000 });
      const { sessionId } = await store.open('acc-1', t0);
      expect(await store.resolve(sessionId, at(30_000))).not.toBeNull();
      // Idle counts from the open (the 30 s use was not written), so the session ends 8 h after it.
      expect(await store.resolve(sessionId, at(8 * hour + 10_000))).toBeNull();

      const touched = await store.open('acc-1', t0);
      expect(await store.resolve(touched.sessionId, at(61_000))).not.toBeNull();
      expect(await store.resolve(touched.sessionId, at(8 * hour + 10_000))).not.toBeNull();
    });

    it('signing out ends that session only', async () => {
      const { store } = await storeWith();
      const mine = await store.open('acc-1', t0);
      const other = await store.open('acc-1', t0);
      await store.revoke(mine.sessionId);
      await store.revoke('not-a-session');
      expect(await store.resolve(mine.sessionId, at(1000))).toBeNull();
      expect(await store.resolve(other.sessionId, at(1000))).not.toBeNull();
    });

    it("ends all of an account's sessions but the one kept, and no other account's", async () => {
      const { store } = await storeWith();
      const kept = await store.open('acc-1', t0);
      const ended = [await store.open('acc-1', t0), await store.open('acc-1', t0)];
      const someoneElse = await store.open('acc-2', t0);

      expect(await store.revokeAllOf('acc-1', kept.sessionId)).toBe(2);
      for (const { sessionId } of ended) expect(await store.resolve(sessionId, at(1000))).toBeNull();
      expect(await store.resolve(kept.sessionId, at(1000))).toMatchObject({ accountId: 'acc-1' });
      expect(await store.resolve(someoneElse.sessionId, at(1000))).toMatchObject({ accountId: 'acc-2' });

      expect(await store.revokeAllOf('acc-1')).toBe(1);
      expect(await store.resolve(kept.sessionId, at(1000))).toBeNull();
      expect(await store.revokeAllOf('acc-nobody')).toBe(0);
    });
  });
}
