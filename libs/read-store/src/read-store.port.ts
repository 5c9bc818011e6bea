import type { RecordedEvent } from '#event-store';
import type { ReadProjections } from './read-projections.js';

/**
 * The projector's side of the read store: rows through the revision guard, checkpoints, generations.
 * Each view's query port lives with its fold in `projections/` (`callback-search.port.ts`, …).
 */
export type ReadProjectionName = keyof ReadProjections;

export type ProjectionTarget = 'active' | 'rebuild';

export interface ApplyOptions {
  /** Stored with the rows in the same transaction (SQLite) or right after them (MongoDB). */
  checkpoint?: bigint;
  /** Default `active`; `rebuild` writes the generation being rebuilt. */
  target?: ProjectionTarget;
  /** Callback views registered before this instant are not (re)created: retention deleted them. */
  retentionCutoff?: string;
}

export interface ApplyResult {
  /** Rows written or removed; the rest of the events were duplicates or not for this view. */
  changed: number;
}

/** The projector's side: rows through the revision guard, checkpoints, rebuilds. */
export interface ProjectionStore {
  readonly projectionNames: readonly ReadProjectionName[];
  /** Applies the events (in order) and the checkpoint atomically; events not for the view only move the checkpoint. */
  applyEvents(
    projection: ReadProjectionName,
    events: readonly RecordedEvent[],
    options?: ApplyOptions,
  ): Promise<ApplyResult>;
  /** Position after which the projection resumes; null = from the start. */
  getCheckpoint(projection: ReadProjectionName, target?: ProjectionTarget): Promise<bigint | null>;
  setCheckpoint(projection: ReadProjectionName, position: bigint, target?: ProjectionTarget): Promise<void>;
  /**
   * Creates a new, empty generation of every view (with empty checkpoints) beside the serving one.
   * Resumes the generation already being rebuilt, if any.
   */
  beginRebuild(): Promise<RebuildStatus>;
  /**
   * Optional: builds the indexes of the generation being rebuilt when its rows were loaded without them,
   * so the final catch-up and the swap (under the write lock) do not wait for it; `commitRebuild` builds
   * them otherwise.
   */
  indexRebuild?(): Promise<void>;
  /** Makes the rebuilt generation the active one in one atomic step, then drops the old one. */
  commitRebuild(): Promise<RebuildStatus>;
  /** Drops the generation being rebuilt; the active one is untouched. */
  abortRebuild(): Promise<RebuildStatus>;
  rebuildStatus(): Promise<RebuildStatus>;
}

export interface RebuildStatus {
  activeGeneration: number;
  rebuildingGeneration: number | null;
  /** Projection versions the active generation was built with; differing from the code's = rebuild needed. */
  activeVersions: Record<ReadProjectionName, number>;
  stale: boolean;
}

export const PROJECTION_STORE = Symbol('PROJECTION_STORE');
