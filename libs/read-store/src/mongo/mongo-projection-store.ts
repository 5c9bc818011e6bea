import { type AnyBulkWriteOperation, type Document, MongoBulkWriteError } from 'mongodb';
import type { RecordedEvent } from '#event-store';
import {
  type Projection,
  type StoredRow,
  foldBatch,
  keyedEvents,
  retentionRevision,
} from '../projections/projection.js';
import { type ReadProjections, readProjectionNames } from '../read-projections.js';
import type {
  ApplyOptions,
  ApplyResult,
  ProjectionStore,
  ProjectionTarget,
  ReadProjectionName,
  RebuildStatus,
} from '../read-store.port.js';
import { type ViewChangeLog, viewChangesOf } from '../view-changes.js';
import type { MongoGenerations } from './mongo-generations.js';
import { retainCallbacks } from './mongo-retention.js';
import type { GenerationCollections, MongoCollections, MongoViewCodec } from './mongo-views.js';

const duplicateKey = 11000;

/**
 * The projector's side on MongoDB: rows through the revision guard, the live changes, checkpoints and the
 * generation pointer. Without multi-document transactions (standalone servers have none) every write is
 * guarded on its own, in the order rows → live changes → checkpoint: a crash leaves rows a replay skips.
 */
export class MongoProjectionStore implements ProjectionStore {
  readonly projectionNames = readProjectionNames;

  constructor(
    private readonly collections: MongoCollections,
    private readonly generations: MongoGenerations,
    private readonly projections: ReadProjections,
    private readonly codecs: { [Name in ReadProjectionName]: MongoViewCodec<unknown> },
    /** The live changes feed (`GET /events`); null = none. */
    private readonly changeLog: ViewChangeLog | null = null,
  ) {}

  /**
   * Loads the batch's rows once, folds the events in memory through the revision guard, then writes each
   * changed row with the guard repeated in the filter (`revision < new`). The changes are announced once the
   * rows are written, so a client that refetches sees them; a crash between the two loses that batch's
   * announcements (the replay finds the rows already there), never announces a change the view lacks.
   */
  async applyEvents(
    name: ReadProjectionName,
    events: readonly RecordedEvent[],
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const projection = this.projections[name] as Projection<unknown>;
    const target = options.target ?? 'active';
    const c = await this.collections.of(target);
    const keyed = keyedEvents(projection, events);
    const stored = await this.loadRows(name, projection, c, [...new Set(keyed.map((k) => k.key))]);
    // Announced only for the serving generation: a rebuild replays history nobody needs told again.
    const changeLog = target === 'active' ? this.changeLog : null;
    // Every step of an asynchronous search is announced (pending, processing, succeeded may share a batch);
    // a callback only as the batch leaves it.
    const steps: [string, { view: unknown }][] = [];
    const observe =
      changeLog && name === 'asyncSearches'
        ? (key: string, row: { view: unknown }) => void steps.push([key, row])
        : undefined;
    const { rows: changed } = foldBatch(projection, keyed, (key) => stored.get(key) ?? null, options, observe);
    await this.writeRows(name, c, changed);
    if (changeLog) {
      const changes = viewChangesOf(name, observe ? steps : changed);
      if (changes.length > 0) await changeLog.append(changes, new Date());
    }
    if (options.checkpoint !== undefined) await this.writeCheckpoint(c, name, options.checkpoint);
    return { changed: changed.size };
  }

  /** The stored row, tombstone or retention mark of each key (three queries per batch, not per key). */
  private async loadRows(
    name: ReadProjectionName,
    projection: Projection<unknown>,
    c: GenerationCollections,
    keys: string[],
  ): Promise<Map<string, StoredRow<unknown>>> {
    const rows = new Map<string, StoredRow<unknown>>();
    if (keys.length === 0) return rows;
    const codec = this.codecs[name];
    for (const doc of await c[name].find({ _id: { $in: keys } } as Document).toArray()) {
      rows.set(doc._id as unknown as string, { view: codec.fromDoc(doc), revision: doc.revision as number });
    }
    const tombstoneIds = keys.filter((key) => !rows.has(key)).map((key) => `${name}:${key}`);
    for (const doc of await c.tombstones.find({ _id: { $in: tombstoneIds } }).toArray()) {
      rows.set(doc._id.slice(name.length + 1), { view: null, revision: doc.revision });
    }
    // Only views that retention deletes (they know a row's registration time) heed its marks.
    if (projection.registeredAtOf) {
      for (const doc of await this.collections
        .retained()
        .find({ _id: { $in: keys } })
        .toArray()) {
        rows.set(doc._id, { view: null, revision: retentionRevision });
      }
    }
    return rows;
  }

  private async writeRows(
    name: ReadProjectionName,
    c: GenerationCollections,
    changed: Map<string, StoredRow<unknown>>,
  ): Promise<void> {
    const rowOps: AnyBulkWriteOperation[] = [];
    const tombstoneOps: AnyBulkWriteOperation<{ _id: string; revision: number }>[] = [];
    const retained: string[] = [];
    for (const [key, row] of changed) {
      const guard = { _id: key, revision: { $lt: row.revision } } as Document;
      if (row.view !== null) {
        const replacement = this.codecs[name].toDoc(key, row.view, row.revision);
        rowOps.push({ replaceOne: { filter: guard, replacement, upsert: true } });
        continue;
      }
      rowOps.push({ deleteOne: { filter: guard } });
      if (row.revision === retentionRevision) retained.push(key);
      else
        tombstoneOps.push({
          updateOne: { filter: { _id: `${name}:${key}` }, update: { $max: { revision: row.revision } }, upsert: true },
        });
    }
    await ignoringDuplicates(rowOps.length > 0 ? c[name].bulkWrite(rowOps, { ordered: false }) : null);
    if (tombstoneOps.length > 0) await c.tombstones.bulkWrite(tombstoneOps, { ordered: false });
    await retainCallbacks(this.collections, retained);
  }

  private async writeCheckpoint(c: GenerationCollections, name: ReadProjectionName, position: bigint): Promise<void> {
    await c.checkpoints.updateOne({ _id: name }, { $set: { position: position.toString() } }, { upsert: true });
  }

  async getCheckpoint(name: ReadProjectionName, target: ProjectionTarget = 'active'): Promise<bigint | null> {
    const doc = await (await this.collections.of(target)).checkpoints.findOne({ _id: name });
    return doc ? BigInt(doc.position) : null;
  }

  async setCheckpoint(name: ReadProjectionName, position: bigint, target: ProjectionTarget = 'active'): Promise<void> {
    await this.writeCheckpoint(await this.collections.of(target), name, position);
  }

  beginRebuild(): Promise<RebuildStatus> {
    return this.generations.begin();
  }

  commitRebuild(): Promise<RebuildStatus> {
    return this.generations.commit();
  }

  abortRebuild(): Promise<RebuildStatus> {
    return this.generations.abort();
  }

  rebuildStatus(): Promise<RebuildStatus> {
    return this.generations.status();
  }
}

/** A guarded upsert that finds a newer row fails with a duplicate key: that is the guard saying no. */
async function ignoringDuplicates(write: Promise<unknown> | null): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (error instanceof MongoBulkWriteError) {
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.every((e) => e.code === duplicateKey)) return;
    }
    throw error;
  }
}
