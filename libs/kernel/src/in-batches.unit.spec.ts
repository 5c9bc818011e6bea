import { describe, expect, it } from '@jest/globals';
import { inBatches, inFullBatches } from './in-batches.js';

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

describe('inFullBatches', () => {
  it('fills every batch but the last, in order, even when items arrive one event-loop turn apart', async () => {
    async function* slow() {
      for (const item of [1, 2, 3, 4, 5, 6, 7]) {
        await new Promise((resolve) => setImmediate(resolve));
        yield item;
      }
    }
    expect(await collect(inFullBatches(slow(), 3))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('gives no batch for an empty source', async () => {
    async function* empty() {}
    expect(await collect(inFullBatches(empty(), 3))).toEqual([]);
  });
});
