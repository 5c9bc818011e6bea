import { type Position } from '@eventstore/db-client';

const MASK_64 = (1n << 64n) - 1n;

/**
 * EventStoreDB places an event by a {commit, prepare} pair of unsigned 64-bit log offsets; the port
 * wants one bigint. Packing commit into the high half keeps the order (commit decides, prepare breaks
 * ties) and decodes back exactly, so a checkpoint taken from `position` can resume a subscription.
 */
export function encodeEsdbPosition(position: Position): bigint {
  return (position.commit << 64n) | (position.prepare & MASK_64);
}

export function decodeEsdbPosition(position: bigint): Position {
  if (position < 0n) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: position >> 64n, prepare: position & MASK_64 };
}

/** Transaction-log bytes between a reader at `position` and `head` (commit positions; prepare is ignored). */
export function esdbBytesBehind(position: bigint | null, head: bigint | null): bigint {
  if (head === null) return 0n;
  const behind = decodeEsdbPosition(head).commit - (position === null ? 0n : decodeEsdbPosition(position).commit);
  return behind > 0n ? behind : 0n;
}
