import type { RecordedEvent } from '#event-store';

/**
 * Old event shapes are upgraded here on read; stored events are never rewritten. Every event is at
 * schema version 1 so far: when a shape changes, add `{ type, fromVersion, upgrade }` entries.
 */
interface Upcaster {
  type: string;
  fromVersion: number;
  upgrade(data: unknown): unknown;
}

const upcasters: Upcaster[] = [];

export function upcast(event: RecordedEvent): { type: string; data: unknown } {
  let data = event.data;
  let version = event.metadata.schemaVersion ?? 1;
  for (const step of upcasters) {
    if (step.type === event.type && step.fromVersion === version) {
      data = step.upgrade(data);
      version += 1;
    }
  }
  return { type: event.type, data };
}
