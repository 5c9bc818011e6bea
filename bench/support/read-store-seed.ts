import type { RecordedEvent } from '#event-store';
import type { ProjectionStore, ReadProjectionName } from '#read-store';
import { type SeedCallback, recordedCallbackEvents, seedCallback } from './callback-data.js';

export const dayMs = 24 * 60 * 60 * 1000;

/** When the seeded callbacks were registered (ms epoch): kept so the same events can be generated again. */
export interface SeedWindow {
  fromMs: number;
  toMs: number;
}

/** The last year up to yesterday. */
export function lastYear(): SeedWindow {
  const toMs = Date.now() - dayMs;
  return { fromMs: toMs - 365 * dayMs, toMs };
}

/**
 * Fills the read store's callback view straight through `applyEvents` (no HTTP, no event store): the
 * generated events of `count` callbacks registered over `window` (default the last year), in batches of
 * `batchEvents`. Positions count from 1 in the order an empty event store would number the same appends.
 */
export async function seedCallbackViews(
  readStore: ProjectionStore,
  count: number,
  options: {
    projections?: ReadProjectionName[];
    batchEvents?: number;
    onProgress?: (done: number) => void;
    window?: SeedWindow;
    /** Called for every callback in order, before its events are batched (e.g. to append them too). */
    onCallback?: (callback: SeedCallback) => Promise<void>;
  } = {},
): Promise<{ events: number; ms: number; window: SeedWindow }> {
  const projections = options.projections ?? ['callbacks'];
  const batchEvents = options.batchEvents ?? 20_000;
  const window = options.window ?? lastYear();
  const started = performance.now();
  let position = 1n;
  let batch: RecordedEvent[] = [];
  let events = 0;
  const flush = async () => {
    for (const name of projections) await readStore.applyEvents(name, batch, { checkpoint: position - 1n });
    events += batch.length;
    batch = [];
  };
  for (let i = 0; i < count; i++) {
    const callback: SeedCallback = seedCallback(i, count, window.fromMs, window.toMs);
    await options.onCallback?.(callback);
    const recorded = recordedCallbackEvents(callback, position);
    position += BigInt(recorded.length);
    batch.push(...recorded);
    if (batch.length >= batchEvents) {
      await flush();
      options.onProgress?.(i + 1);
    }
  }
  if (batch.length > 0) await flush();
  return { events, ms: performance.now() - started, window };
}
