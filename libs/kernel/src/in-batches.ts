const notReady = Symbol('not ready');

/**
 * A source that can hand over, synchronously, the items it has already read (the SQLite subscription):
 * batching then needs no race per item.
 */
export interface BufferedSource<T> extends AsyncIterator<T> {
  takeBuffered(max: number): T[];
}

function isBuffered<T>(source: AsyncIterator<T>): source is BufferedSource<T> {
  return typeof (source as Partial<BufferedSource<T>>).takeBuffered === 'function';
}

/**
 * Groups an ordered async source into batches without reordering or waiting: a batch takes every item that
 * is already available (at most `maxSize`) and is handed on as soon as the source would have to wait.
 * During a catch-up batches fill up (one transaction per batch). When live, a batch holds what arrived
 * together: with a buffered source, everything its last read returned (the SQLite subscription reads the
 * appends of one event-loop turn at once); otherwise whatever resolves before the next `setImmediate`.
 */
export async function* inBatches<T>(source: AsyncIterator<T>, maxSize: number): AsyncGenerator<T[]> {
  let pending: Promise<IteratorResult<T>> | null = null;
  const buffered = isBuffered(source) ? source : null;
  for (;;) {
    const first: IteratorResult<T> = await (pending ?? source.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    if (buffered) {
      for (const item of buffered.takeBuffered(maxSize - 1)) batch.push(item);
      yield batch;
      continue;
    }
    while (batch.length < maxSize) {
      const next: Promise<IteratorResult<T>> = source.next();
      const ready = await Promise.race([
        next,
        new Promise<typeof notReady>((resolve) => setImmediate(() => resolve(notReady))),
      ]);
      if (ready === notReady) {
        pending = next; // keep the pull in flight: it becomes the first item of the next batch
        break;
      }
      if (ready.done) {
        yield batch;
        return;
      }
      batch.push(ready.value);
    }
    yield batch;
  }
}

/**
 * Groups a finite read whose items are all stored already (a rebuild's read of the log) into batches of
 * `size`, the last one smaller. Unlike `inBatches` it waits for each item instead of handing a batch on
 * early, so it needs no race per item: on a source without `takeBuffered` (`readAll`, and every event store
 * the product opens, wrapped for upcasting and personal data) that race schedules a `setImmediate` per
 * item. Replaying 100,000 events took 2.9 s of CPU with the race and 2.5 s without (4.6 s and 4.2 s through
 * the personal-data and upcasting wrappers).
 */
export async function* inFullBatches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length > 0) yield batch;
}

/** A minimal mutex: live projection writes and the final step of a rebuild never interleave. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
