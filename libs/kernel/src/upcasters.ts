import type { AllSubscription, EventStore, ReadAllOptions, RecordedEvent } from '#event-store';
import { wrapSubscription } from './wrap-subscription.js';

/**
 * Old event shapes are upgraded here on read; stored events are never rewritten. An upcaster lifts one
 * event type from one schema version to the next; steps chain until no step applies.
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upgrade(data: unknown): unknown;
}

/** The product's upcasters. Every event is at schema version 1 so far: add entries when a shape changes. */
export const eventUpcasters: readonly Upcaster[] = [];

/** Upcasts one recorded event; the same object when nothing applies (the common case costs one lookup). */
export function upcasterFor(upcasters: readonly Upcaster[]): (event: RecordedEvent) => RecordedEvent {
  const byType = new Map<string, Upcaster[]>();
  for (const step of upcasters) byType.set(step.type, [...(byType.get(step.type) ?? []), step]);
  return (event) => {
    const steps = byType.get(event.type);
    if (!steps) return event;
    let data = event.data;
    let version = event.metadata.schemaVersion ?? 1;
    for (let step = steps.find((s) => s.fromVersion === version); step;) {
      data = step.upgrade(data);
      version += 1;
      step = steps.find((s) => s.fromVersion === version);
    }
    return data === event.data ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  };
}

/**
 * The event store every reader uses: the stored events upcast on every read (streams, the global order,
 * live subscriptions), so aggregates, projections, reactors, the sweeper and the history all see one shape.
 */
export function withUpcasting(store: EventStore, upcasters: readonly Upcaster[] = eventUpcasters): EventStore {
  if (upcasters.length === 0) return store;
  const upcast = upcasterFor(upcasters);
  return {
    capabilities: store.capabilities,
    appendToStream: (streamName, events, options) => store.appendToStream(streamName, events, options),
    readStream: async (streamName) => (await store.readStream(streamName)).map(upcast),
    readAll: (options?: ReadAllOptions) => mapIterable(store.readAll(options), upcast),
    subscribeToAll: (options) => upcastSubscription(store.subscribeToAll(options), upcast),
    headPosition: () => store.headPosition(),
    behindHead: store.behindHead?.bind(store),
    deleteStream: (streamName) => store.deleteStream(streamName),
    deleteStreams: (streamNames) => store.deleteStreams(streamNames),
    close: () => store.close(),
  };
}

async function* mapIterable<T>(source: AsyncIterable<T>, map: (item: T) => T): AsyncIterable<T> {
  for await (const item of source) yield map(item);
}

/** Keeps the subscription's synchronous read-ahead (`takeBuffered`) that batching relies on. */
function upcastSubscription(
  subscription: AllSubscription,
  upcast: (event: RecordedEvent) => RecordedEvent,
): AllSubscription {
  return wrapSubscription(subscription, (source) => ({
    next: async () => {
      const result = await source.next();
      return result.done ? result : { done: false, value: upcast(result.value) };
    },
    takeBuffered: (max) => source.takeBuffered!(max).map(upcast),
  }));
}
