import { describe, expect, it } from '@jest/globals';
import { inBatches } from './in-batches.js';

/** An async source over fixed reads: each read is what one query would return. */
function bufferedSource(reads: number[][]) {
  let buffer: number[] = [];
  return {
    async next(): Promise<IteratorResult<number>> {
      if (buffer.length === 0) buffer = reads.shift() ?? [];
      const value = buffer.shift();
      return value === undefined ? { done: true, value: undefined } : { done: false, value };
    },
    takeBuffered(max: number): number[] {
      return buffer.splice(0, max);
    },
  };
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('inBatches', () => {
  it('makes one batch of what a buffered source read at once, in order, at most maxSize each', async () => {
    const batches = await collect(inBatches(bufferedSource([[1, 2, 3], [4], [5, 6, 7, 8, 9]]), 3));
    expect(batches).toEqual([[1, 2, 3], [4], [5, 6, 7], [8, 9]]);
  });

  it('gathers what is already available from a plain async iterator', async () => {
    async function* plain() {
      yield* [1, 2, 3, 4, 5];
    }
    const batches = await collect(inBatches(plain(), 2));
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
  });
});
