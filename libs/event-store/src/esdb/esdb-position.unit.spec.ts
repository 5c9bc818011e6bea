import { describe, expect, it } from '@jest/globals';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EsdbEventStore } from './esdb-event-store.js';
import { decodeEsdbPosition, encodeEsdbPosition, esdbBytesBehind } from './esdb-position.js';

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

describe('how far a reader is behind the head on EventStoreDB', () => {
  const at = (commit: bigint, prepare = commit) => encodeEsdbPosition({ commit, prepare });

  it('counts transaction-log bytes between commit positions, not the packed numbers', () => {
    // Two events 1,200 log bytes apart: the packed difference would be 1,200 · 2^64 + 1,200.
    expect(esdbBytesBehind(at(5_000n), at(6_200n))).toBe(1_200n);
    expect(esdbBytesBehind(null, at(6_200n))).toBe(6_200n);
  });

  it('is zero at or past the head, for events of one commit, and for an empty store', () => {
    expect(esdbBytesBehind(at(6_200n), at(6_200n))).toBe(0n);
    expect(esdbBytesBehind(at(6_200n, 6_100n), at(6_200n, 6_300n))).toBe(0n);
    expect(esdbBytesBehind(at(7_000n), at(6_200n))).toBe(0n);
    expect(esdbBytesBehind(null, null)).toBe(0n);
  });

  it('is what the EventStoreDB event store reports for the behind-head gauge', () => {
    const store = new EsdbEventStore({} as EventStoreDBClient);
    expect(store.behindHead(at(5_000n), at(6_200n))).toBe(1_200n);
  });
});
