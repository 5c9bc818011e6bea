import { afterEach, describe, expect, it } from '@jest/globals';
import type { SignInThrottle, SignInThrottlePolicy } from './sign-in-throttle.port.js';
import { defaultSignInThrottlePolicy } from './sign-in-throttle.port.js';

export type OpenSignInThrottle = (policy: SignInThrottlePolicy) => Promise<SignInThrottle>;

const minute = 60 * 1000;

/** The behaviour every SignInThrottle adapter must show; each adapter's spec runs it. */
export function describeSignInThrottleContract(adapter: string, openThrottle: OpenSignInThrottle): void {
  describe(`SignInThrottle contract: ${adapter}`, () => {
    const opened: SignInThrottle[] = [];
    const throttleWith = async (policy: SignInThrottlePolicy = defaultSignInThrottlePolicy) => {
      const throttle = await openThrottle(policy);
      opened.push(throttle);
      return throttle;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((throttle) => throttle.close()));
    });
    const t0 = new Date('2026-04-01T09:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const failFiveTimes = async (throttle: SignInThrottle, login: string) => {
      for (let i = 0; i < 5; i += 1) {
        expect(await throttle.check(login, at(i * minute))).toEqual({ allowed: true });
        await throttle.recordFailure(login, at(i * minute));
      }
    };

    it('refuses the 6th try after 5 failures in 10 minutes, saying when to retry', async () => {
      const throttle = await throttleWith();
      await failFiveTimes(throttle, 'sato@example.com');
      // The first failure (t0) leaves the window at t0 + 10 min: 5 min 30 s from now.
      expect(await throttle.check('sato@example.com', at(4 * minute + 30_000))).toEqual({
        allowed: false,
        retryAfterSeconds: 330,
      });
    });

    it('lets tries resume once the oldest failure is 10 minutes old (a sliding window)', async () => {
      const throttle = await throttleWith();
      await failFiveTimes(throttle, 'sato');
      expect(await throttle.check('sato', at(10 * minute - 1))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
      expect(await throttle.check('sato', at(10 * minute))).toEqual({ allowed: true });
      // One more failure fills the window again; the next release is when the t0+1min failure leaves.
      await throttle.recordFailure('sato', at(10 * minute));
      expect(await throttle.check('sato', at(10 * minute))).toEqual({ allowed: false, retryAfterSeconds: 60 });
    });

    it('treats the same login typed differently as one, and other logins apart', async () => {
      const throttle = await throttleWith();
      const spellings = [
        'Sato@Example.com',
        ' sato@example.com',
        'SATO@EXAMPLE.COM ',
        'ｓａｔｏ@example.com',
        'sato@example.com',
      ];
      for (const [i, login] of spellings.entries()) await throttle.recordFailure(login, at(i * minute));
      expect(await throttle.check('sato@example.com', at(5 * minute))).toMatchObject({ allowed: false });
      expect(await throttle.check('suzuki@example.com', at(5 * minute))).toEqual({ allowed: true });
    });

    it('four failures do not refuse; a successful sign-in clears the count', async () => {
      const throttle = await throttleWith();
      for (let i = 0; i < 4; i += 1) await throttle.recordFailure('sato', at(i * 1000));
      expect(await throttle.check('sato', at(5000))).toEqual({ allowed: true });
      await throttle.clear('sato');
      await throttle.recordFailure('sato', at(6000));
      expect(await throttle.check('sato', at(7000))).toEqual({ allowed: true });
    });

    it('counts two failures in the same millisecond twice', async () => {
      const throttle = await throttleWith({ maxFailures: 2, windowMs: 10 * minute });
      await Promise.all([throttle.recordFailure('sato', t0), throttle.recordFailure('sato', t0)]);
      expect(await throttle.check('sato', t0)).toMatchObject({ allowed: false });
    });

    it('follows its policy', async () => {
      const throttle = await throttleWith({ maxFailures: 3, windowMs: minute });
      for (let i = 0; i < 3; i += 1) await throttle.recordFailure('sato', at(i * 1000));
      expect(await throttle.check('sato', at(3000))).toEqual({ allowed: false, retryAfterSeconds: 57 });
      expect(await throttle.check('sato', at(minute))).toEqual({ allowed: true });
    });
  });
}
