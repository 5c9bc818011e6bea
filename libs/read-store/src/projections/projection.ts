import type { RecordedEvent } from '#event-store';

/**
 * One view, as a pure function of events. The adapters apply it per row key with a revision guard
 * (`applyGuarded`), so the projection itself never needs to know about duplicates or replays.
 */
export interface Projection<View, Name extends string = string> {
  readonly name: Name;
  /** Bump when `evolve` or the view's shape changes: a stale generation then needs a rebuild. */
  readonly version: number;
  readonly handles: readonly string[];
  /** The row an event belongs to (the aggregate id of its stream); null = not for this view. */
  keyOf(event: RecordedEvent): string | null;
  /** Null in, null out for events that cannot start a view; null out = the row is removed. */
  evolve(view: View | null, event: RecordedEvent): View | null;
  /** The callback's registration time, for views that retention deletes; absent for other views. */
  registeredAtOf?(view: View): string;
}

/** What the store holds for a key: a row, or a tombstone (`view: null`) that remembers a removal. */
export interface StoredRow<View> {
  view: View | null;
  revision: number;
}

export type GuardedChange<View> =
  { kind: 'unchanged' } | { kind: 'put'; view: View; revision: number } | { kind: 'remove'; revision: number };

/** A tombstone at this revision outranks every event: retention deleted the row for good. */
export const retentionRevision = Number.MAX_SAFE_INTEGER;

export interface GuardOptions {
  /** Views registered before this instant are not (re)created: retention already deleted them. */
  retentionCutoff?: string;
}

/**
 * The revision guard shared by every adapter: an event at or below the stored revision (of the row or
 * of its tombstone) changes nothing, which makes double delivery and replay after a crash harmless.
 */
export function applyGuarded<View>(
  projection: Projection<View>,
  stored: StoredRow<View> | null,
  event: RecordedEvent,
  options: GuardOptions = {},
): GuardedChange<View> {
  if (stored && event.revision <= stored.revision) return { kind: 'unchanged' };
  const next = projection.evolve(stored?.view ?? null, event);
  if (next === null) {
    return stored?.view ? { kind: 'remove', revision: event.revision } : { kind: 'unchanged' };
  }
  const { retentionCutoff } = options;
  if (retentionCutoff && projection.registeredAtOf && projection.registeredAtOf(next) < retentionCutoff) {
    return { kind: 'remove', revision: retentionRevision };
  }
  return { kind: 'put', view: next, revision: event.revision };
}

/** Events as the projections read them: the type union narrowed by the `handles` check. */
export function eventOf<Event extends { type: string; data: unknown }>(event: RecordedEvent): Event {
  return { type: event.type, data: event.data } as Event;
}

/** The events of a batch that belong to this view, with their row keys, in order. */
export function keyedEvents<View>(
  projection: Projection<View>,
  events: readonly RecordedEvent[],
): { key: string; event: RecordedEvent }[] {
  const keyed: { key: string; event: RecordedEvent }[] = [];
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const key = projection.keyOf(event);
    if (key !== null) keyed.push({ key, event });
  }
  return keyed;
}

/**
 * The projection loop over the revision guard, written once for every adapter: each event of the batch
 * is folded into its row in memory (`stored(key)` is asked once per key: the row, its tombstone, or
 * null), so a row touched by several events of one batch is written once. Returns the rows that changed,
 * as the batch leaves them, and how many events changed a row.
 */
export function foldBatch<View>(
  projection: Projection<View>,
  keyed: readonly { key: string; event: RecordedEvent }[],
  stored: (key: string) => StoredRow<View> | null,
  options: GuardOptions = {},
  /** Told of every change in order, intermediate states included (the live feed announces each status). */
  observe?: (key: string, row: StoredRow<View>) => void,
): { rows: Map<string, StoredRow<View>>; changes: number } {
  const current = new Map<string, StoredRow<View> | null>();
  const rows = new Map<string, StoredRow<View>>();
  let changes = 0;
  for (const { key, event } of keyed) {
    const row = current.has(key) ? current.get(key)! : stored(key);
    const change = applyGuarded(projection, row, event, options);
    if (change.kind === 'unchanged') {
      current.set(key, row);
      continue;
    }
    changes++;
    const next = { view: change.kind === 'put' ? change.view : null, revision: change.revision };
    current.set(key, next);
    rows.set(key, next);
    observe?.(key, next);
  }
  return { rows, changes };
}
