const notReady = Symbol('not ready');

/**
 * Groups an ordered async source into batches without reordering or waiting: a batch takes every item that
 * is already available (at most `maxSize`) and is handed on as soon as the source would have to wait.
 * During a catch-up batches fill up (one transaction per batch); when live, each event comes alone.
 */
export async function* inBatches<T>(source: AsyncIterator<T>, maxSize: number): AsyncGenerator<T[]> {
  let pending: Promise<IteratorResult<T>> | null = null;
  for (;;) {
    const first: IteratorResult<T> = await (pending ?? source.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
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
