import type { EventStore } from '#event-store';
import type { ProjectionStore } from '#read-store';

/**
 * A dependency `/health` probes (event store, read store, queue, projector); `probe` rejects when it is
 * down, and may resolve with details shown beside its state (the projector: each projection's lag).
 */
export interface HealthCheck {
  name: string;
  probe(): Promise<void | Record<string, unknown>>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** The probes of the stores (and the export queue, where this process has one). */
export function dependencyChecks(stores: {
  eventStore: EventStore;
  /** The read store answers for its generation pointer. */
  readStore: Pick<ProjectionStore, 'rebuildStatus'>;
  queue?: { depth(): Promise<unknown> };
}): HealthCheck[] {
  const checks: HealthCheck[] = [
    { name: 'eventStore', probe: async () => void (await stores.eventStore.headPosition()) },
    { name: 'readStore', probe: async () => void (await stores.readStore.rebuildStatus()) },
  ];
  const { queue } = stores;
  if (queue) checks.push({ name: 'queue', probe: async () => void (await queue.depth()) });
  return checks;
}
