import type { RecordedEvent } from '#event-store';
import type { ProjectionStore, ReadProjectionName } from '#read-store';
import { type SeedCallback, recordedCallbackEvents, seedCallback } from './callback-data.js';

export const dayMs = 24 * 60 * 60 * 1000;

/**
 * Fills the read store's callback view straight through `applyEvents` (no HTTP, no event store): the
 * generated events of `count` callbacks registered over the last year, in batches of `batchEvents`.
 */
export async function seedCallbackViews(
  readStore: ProjectionStore,
  count: number,
  options: { projections?: ReadProjectionName[]; batchEvents?: number; onProgress?: (done: number) => void } = {},
): Promise<{ events: number; ms: number }> {
  const projections = options.projections ?? ['callbacks'];
  const batchEvents = options.batchEvents ?? 20_000;
  const toMs = Date.now() - dayMs;
  const fromMs = toMs - 365 * dayMs;
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
    const callback: SeedCallback = seedCallback(i, count, fromMs, toMs);
    const recorded = recordedCallbackEvents(callback, position);
    position += BigInt(recorded.length);
    batch.push(...recorded);
    if (batch.length >= batchEvents) {
      await flush();
      options.onProgress?.(i + 1);
    }
  }
  if (batch.length > 0) await flush();
  return { events, ms: performance.now() - started };
}
