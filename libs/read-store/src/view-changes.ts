import type { CallbackView } from './callback-view.js';
import type { AsyncSearchListRow } from './projections/async-search-list.projection.js';
import type { ReadProjectionName } from './read-store.port.js';

/**
 * A change a view now shows, as announced to browsers (`GET /events`): the shape of the live changes feed's
 * entries (`NewLiveChange` in #infra), declared here so the read store needs nothing from #infra.
 */
export interface ViewChange {
  kind: 'callback.changed' | 'asyncsearch.updated';
  id: string;
  version: number;
  /** An asynchronous search's owner (its changes are for that account alone); null for callbacks. */
  ownerAccountId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Where a store records view changes (the live changes feed): inside the batch's transaction on SQLite,
 * right after the batch's rows and before its checkpoint on MongoDB.
 */
export interface ViewChangeLog {
  append(changes: readonly ViewChange[], now: Date): void | Promise<void>;
}

/** The changes to announce for the rows a batch wrote (removed rows, e.g. by retention, announce nothing). */
export function viewChangesOf(name: ReadProjectionName, rows: Iterable<[string, { view: unknown }]>): ViewChange[] {
  const changes: ViewChange[] = [];
  for (const [, { view }] of rows) {
    if (view === null) continue;
    if (name === 'callbacks') {
      const { id, version } = view as CallbackView;
      changes.push({ kind: 'callback.changed', id, version, ownerAccountId: null, payload: { id, version } });
    } else if (name === 'asyncSearches') {
      const row = view as AsyncSearchListRow;
      const payload: Record<string, unknown> = { id: row.id, status: row.status };
      if (row.rowCount !== null) payload.rowCount = row.rowCount;
      if (row.finishedAt !== null) payload.finishedAt = row.finishedAt;
      changes.push({
        kind: 'asyncsearch.updated',
        id: row.id,
        version: row.version,
        ownerAccountId: row.ownerId,
        payload,
      });
    }
  }
  return changes;
}
