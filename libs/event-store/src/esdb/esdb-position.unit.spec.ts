import { describe, expect, it } from '@jest/globals';
import { decodeEsdbPosition, encodeEsdbPosition } from './esdb-position.js';

describe('EventStoreDB position encoding', () => {
  it('round-trips commit/prepare pairs losslessly, up to 64-bit offsets', () => {
    const max = (1n << 64n) - 1n;
    for (const position of [
      { commit: 0n, prepare: 0n },
      { commit: 1234n, prepare: 1234n },
      { commit: 5000n, prepare: 4900n },
      { commit: max, prepare: max },
    ]) {
      expect(decodeEsdbPosition(encodeEsdbPosition(position))).toEqual(position);
    }
  });

  it('orders by commit first, then prepare, like the transaction log', () => {
    const a = encodeEsdbPosition({ commit: 10n, prepare: (1n << 64n) - 1n });
    const b = encodeEsdbPosition({ commit: 11n, prepare: 0n });
    const c = encodeEsdbPosition({ commit: 11n, prepare: 1n });
    expect(a < b && b < c).toBe(true);
  });

  it('refuses a negative position (the "no event" marker of an empty append)', () => {
    expect(() => decodeEsdbPosition(-1n)).toThrow(RangeError);
  });
});
