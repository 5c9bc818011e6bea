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
 * The active-generation pointer is one document: a swap is one atomic single-document update, which
 * needs no replica set. Every query reads the pointer first, so all instances switch at once.
 */
export class MongoGenerations {
  constructor(
    private readonly db: Db,
    private readonly projections: ReadProjections,
  ) {}

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
    await this.createIndexes(doc.active);
    if (doc.rebuilding !== null) await this.createIndexes(doc.rebuilding);
  }

  private async read(): Promise<GenerationsDoc> {
    const doc = await this.meta.findOne({ _id: 'generations' });
    if (!doc) throw new Error('read store not initialised: the generations document is missing');
    return doc;
  }

  private async createIndexes(generation: number): Promise<void> {
    const names = collectionNames(generation);
    for (const view of readProjectionNames) {
      const indexes = indexesByView[view].map((key: Document) => ({ key }));
      await this.db.collection(names[view]).createIndexes(indexes);
    }
  }

  async active(): Promise<number> {
    return (await this.read()).active;
  }

  async of(target: ProjectionTarget): Promise<number> {
    const doc = await this.read();
    if (target === 'active') return doc.active;
    if (doc.rebuilding === null) throw new Error('no rebuild in progress: call beginRebuild() first');
    return doc.rebuilding;
  }

  async all(): Promise<number[]> {
    const doc = await this.read();
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
    const existing = new Set(
      (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name as string),
    );
    for (const name of Object.values(collectionNames(generation))) {
      if (existing.has(name)) await this.db.collection(name).drop();
    }
  }
}
