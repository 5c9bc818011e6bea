import type { AllSubscription, RecordedEvent } from '#event-store';

/** A subscription's iterator, with the synchronous read-ahead that batching relies on (`takeBuffered`) when it has one. */
export type BufferedIterator = AsyncIterator<RecordedEvent> & { takeBuffered?(max: number): RecordedEvent[] };

/** What a decorator puts in front of the source's iterator. */
export interface IteratorWrapper {
  next(): Promise<IteratorResult<RecordedEvent>>;
  /** Only used when the source has `takeBuffered` itself. */
  takeBuffered?(max: number): RecordedEvent[];
}

/**
 * A subscription whose events pass through `wrap` (a decorator of the event store port: upcasting,
 * personal data), keeping `caughtUp`, `close` and the iterator's `return` of the source, and offering
 * `takeBuffered` exactly when the source does.
 */
export function wrapSubscription(
  subscription: AllSubscription,
  wrap: (source: BufferedIterator) => IteratorWrapper,
): AllSubscription {
  return {
    caughtUp: subscription.caughtUp,
    close: () => subscription.close(),
    [Symbol.asyncIterator]() {
      const source = subscription[Symbol.asyncIterator]() as BufferedIterator;
      const wrapper = wrap(source);
      const iterator: BufferedIterator = {
        next: () => wrapper.next(),
        return: async (value?: unknown) => (source.return ? source.return(value) : { done: true, value }),
      };
      if (source.takeBuffered && wrapper.takeBuffered) iterator.takeBuffered = (max) => wrapper.takeBuffered!(max);
      return iterator;
    },
  };
}
