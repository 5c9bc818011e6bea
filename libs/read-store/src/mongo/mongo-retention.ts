import type { Document } from 'mongodb';
import type { CallbackRetention } from '../callback-retention.port.js';
import type { MongoGenerations } from './mongo-generations.js';
import { type MongoCollections, collectionNames } from './mongo-views.js';

/** Marks callbacks as deleted by retention, for every generation to come (upserts: idempotent). */
export async function retainCallbacks(collections: MongoCollections, callbackIds: readonly string[]): Promise<void> {
  if (callbackIds.length === 0) return;
  await collections.retained().bulkWrite(
    callbackIds.map((id) => ({
      updateOne: { filter: { _id: id }, update: { $set: { retained: true } }, upsert: true },
    })),
    { ordered: false },
  );
}

/** The retention sweeper's port: finds expired callbacks in the view, deletes them from every generation. */
export class MongoCallbackRetention implements CallbackRetention {
  constructor(
    private readonly collections: MongoCollections,
    private readonly generations: MongoGenerations,
  ) {}

  async findRegisteredBefore(cutoffIso: string, limit: number): Promise<string[]> {
    const { callbacks } = await this.collections.of();
    const docs = await callbacks
      .find({ registeredAt: { $lt: new Date(cutoffIso).toISOString() } }, { projection: { _id: 1 } })
      .sort({ registeredAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => doc._id as unknown as string);
  }

  /** Tombstones first: a projector racing this deletion then cannot re-create the rows. */
  async deleteCallbacks(callbackIds: readonly string[]): Promise<void> {
    if (callbackIds.length === 0) return;
    await retainCallbacks(this.collections, callbackIds);
    const { db } = this.collections;
    for (const generation of await this.generations.all()) {
      const names = collectionNames(generation);
      const filter = { _id: { $in: [...callbackIds] } } as Document;
      await db.collection(names.callbacks).deleteMany(filter);
      await db.collection(names.callbackStats).deleteMany(filter);
    }
  }
}
