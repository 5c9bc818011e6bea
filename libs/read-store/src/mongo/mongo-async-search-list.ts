import type { Document } from 'mongodb';
import type { AsyncSearchList } from '../projections/async-search-list.port.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import { type MongoCollections, asyncSearchCodec } from './mongo-views.js';

/** The asynchronous-search list on the active generation, by the `(ownerId, requestedAt)` index. */
export class MongoAsyncSearchList implements AsyncSearchList {
  constructor(private readonly collections: MongoCollections) {}

  async listAsyncSearches(ownerId: string): Promise<AsyncSearchListRow[]> {
    const { asyncSearches } = await this.collections.of();
    const docs = await asyncSearches.find({ ownerId }).sort({ requestedAt: -1, _id: -1 }).toArray();
    return docs.map((doc) => asyncSearchCodec.fromDoc(doc));
  }

  async getAsyncSearch(asyncSearchId: string): Promise<AsyncSearchListRow | null> {
    const doc = await (await this.collections.of()).asyncSearches.findOne({ _id: asyncSearchId } as Document);
    return doc ? asyncSearchCodec.fromDoc(doc) : null;
  }
}
