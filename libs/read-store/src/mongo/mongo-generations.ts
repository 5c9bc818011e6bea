import type { Db, Document } from 'mongodb';
import { type ReadProjections, projectionVersions, readProjectionNames, sameVersions } from '../read-projections.js';
import type { ProjectionTarget, ReadProjectionName, RebuildStatus } from '../read-store.port.js';
import { collectionNames, indexesByView, metaCollection } from './mongo-views.js';

interface GenerationsDoc {
  _id: 'generations';
  active: number;
  rebuilding: number | null;
  next: number;
  versions: Record<string, Record<ReadProjectionName, number>>;
}

/**
 * How long queries and projection batches reuse the pointer they read. A swap made by this instance
 * (begin/commit/abort) replaces it at once; one made by another instance is seen within this time.
 */
export const pointerCacheMs = 1_000;

/**
 * The active-generation pointer is one document: a swap is one atomic single-document update, which
 * needs no replica set. Queries and batches read it through a short cache (one round trip per second
 * instead of one per call); the rebuild steps always read it fresh.
 */
export class MongoGenerations {
  private cached: { doc: GenerationsDoc; until: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly projections: ReadProjections,
    private readonly now: () => number = Date.now,
  ) {}

  /** The pointer, from the cache while it is fresh. */
  private async readCached(): Promise<GenerationsDoc> {
    if (this.cached && this.now() < this.cached.until) return this.cached.doc;
    return this.read();
  }

  private get meta() {
    return this.db.collection<GenerationsDoc>(metaCollection);
  }

  async init(): Promise<void> {
    await this.meta.updateOne(
      { _id: 'generations' },
      {
        $setOnInsert: { active: 1, rebuilding: null, next: 2, versions: { '1': projectionVersions(this.projections) } },
      },
      { upsert: true },
    );
    const doc = await this.read();
    for (const generation of doc.rebuilding === null ? [doc.active] : [doc.active, doc.rebuilding]) {
      await this.createIndexes(generation);
      await this.adoptNewViews(doc, generation);
    }
  }

  /**
   * A view added since the generation was built has no collection yet: it starts empty and its projection
   * fills it from the log's start, so it is built by this code and its version is recorded as the code's.
   */
  private async adoptNewViews(doc: GenerationsDoc, generation: number): Promise<void> {
    const recorded = doc.versions[String(generation)] ?? {};
    const missing = Object.entries(projectionVersions(this.projections)).filter(([name]) => !(name in recorded));
    if (missing.length === 0) return;
    await this.meta.updateOne(
      { _id: 'generations' },
      { $set: Object.fromEntries(missing.map(([name, version]) => [`versions.${generation}.${name}`, version])) },
    );
    this.cached = null;
  }

  private async read(): Promise<GenerationsDoc> {
    this.cached = null;
    const doc = await this.meta.findOne({ _id: 'generations' });
    if (!doc) throw new Error('read store not initialised: the generations document is missing');
    this.cached = { doc, until: this.now() + pointerCacheMs };
    return doc;
  }

  private async createIndexes(generation: number): Promise<void> {
    const names = collectionNames(generation);
    for (const view of readProjectionNames) {
      const indexes = indexesByView[view].map((key: Document) => ({ key }));
      // The server refuses an empty list; a view keyed by `_id` alone needs none.
      if (indexes.length > 0) await this.db.collection(names[view]).createIndexes(indexes);
    }
  }

  async active(): Promise<number> {
    return (await this.read()).active;
  }

  async of(target: ProjectionTarget): Promise<number> {
    const doc = await this.readCached();
    if (target === 'active') return doc.active;
    if (doc.rebuilding === null) throw new Error('no rebuild in progress: call beginRebuild() first');
    return doc.rebuilding;
  }

  async all(): Promise<number[]> {
    const doc = await this.readCached();
    return doc.rebuilding === null ? [doc.active] : [doc.active, doc.rebuilding];
  }

  async status(): Promise<RebuildStatus> {
    const doc = await this.read();
    const activeVersions = doc.versions[String(doc.active)] ?? ({} as Record<ReadProjectionName, number>);
    return {
      activeGeneration: doc.active,
      rebuildingGeneration: doc.rebuilding,
      activeVersions,
      stale: !sameVersions(activeVersions, projectionVersions(this.projections)),
    };
  }

  async begin(): Promise<RebuildStatus> {
    const doc = await this.read();
    if (doc.rebuilding === null) {
      const generation = doc.next;
      // Conditional on the pointer we read: of two concurrent callers one wins, the other resumes it.
      await this.meta.updateOne(
        { _id: 'generations', rebuilding: null, next: generation },
        {
          $set: {
            rebuilding: generation,
            next: generation + 1,
            [`versions.${generation}`]: projectionVersions(this.projections),
          },
        },
      );
    }
    const now = await this.read();
    await this.createIndexes(now.rebuilding!);
    return this.status();
  }

  async commit(): Promise<RebuildStatus> {
    const doc = await this.read();
    if (doc.rebuilding === null) throw new Error('no rebuild in progress: nothing to commit');
    const result = await this.meta.updateOne(
      { _id: 'generations', active: doc.active, rebuilding: doc.rebuilding },
      { $set: { active: doc.rebuilding, rebuilding: null }, $unset: { [`versions.${doc.active}`]: '' } },
    );
    if (result.modifiedCount !== 1) throw new Error('the generations changed during commitRebuild; try again');
    await this.drop(doc.active);
    return this.status();
  }

  async abort(): Promise<RebuildStatus> {
    const doc = await this.read();
    if (doc.rebuilding !== null) {
      await this.meta.updateOne(
        { _id: 'generations', rebuilding: doc.rebuilding },
        { $set: { rebuilding: null }, $unset: { [`versions.${doc.rebuilding}`]: '' } },
      );
      await this.drop(doc.rebuilding);
    }
    return this.status();
  }

  private async drop(generation: number): Promise<void> {
    this.cached = null; // the pointer just moved off this generation
    const existing = new Set(
      (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name as string),
    );
    for (const name of Object.values(collectionNames(generation))) {
      if (existing.has(name)) await this.db.collection(name).drop();
    }
  }
}
