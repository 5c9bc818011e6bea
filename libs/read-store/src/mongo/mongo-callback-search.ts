import type { Document } from 'mongodb';
import type { SearchCriteria } from '#domain';
import type { CallbackView } from '../callback-view.js';
import type { CallbackChoices, SearchChoices } from '../projections/callback-choices.port.js';
import {
  type CallbackSearch,
  type CallbackSearchRequest,
  type CallbackSearchResult,
  type CallbackSort,
  SearchLimitExceededError,
} from '../projections/callback-search.port.js';
import { type Narrowing, toCallbackFilter } from '../search-filter.js';
import { callbackQuery, callbackSort } from './mongo-filter.js';
import type { MongoCollections } from './mongo-views.js';

/** The callback list, detail and CSV on the active generation's callback collection. */
export class MongoCallbackSearch implements CallbackSearch {
  constructor(
    private readonly collections: MongoCollections,
    private readonly timeZone: string,
  ) {}

  async search(request: CallbackSearchRequest): Promise<CallbackSearchResult> {
    const { page, pageSize, cap } = request;
    if (!Number.isInteger(page) || page < 1) throw new RangeError('page must be an integer ≥ 1');
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be an integer ≥ 1');
    const query = callbackQuery(toCallbackFilter(request.criteria, request.narrowing, this.timeZone));
    const { callbacks } = await this.collections.of();
    const total = await callbacks.countDocuments(query, { limit: cap + 1 });
    if (total > cap) throw new SearchLimitExceededError(cap, total);
    if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total };
    const docs = await callbacks
      .find(query, { projection: { view: 1 } })
      .sort(callbackSort(request.sort ?? '-registeredAt'))
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .toArray();
    return { items: docs.map((doc) => doc.view as CallbackView), total };
  }

  async count(criteria: SearchCriteria, narrowing?: Narrowing, limit?: number): Promise<number> {
    const query = callbackQuery(toCallbackFilter(criteria, narrowing, this.timeZone));
    const { callbacks } = await this.collections.of();
    return callbacks.countDocuments(query, limit === undefined ? {} : { limit });
  }

  /** One server cursor read in batches: constant memory whatever the number of rows. */
  async *stream(
    criteria: SearchCriteria,
    narrowing?: Narrowing,
    sort: CallbackSort = '-registeredAt',
  ): AsyncIterable<CallbackView> {
    const query = callbackQuery(toCallbackFilter(criteria, narrowing, this.timeZone));
    const { callbacks } = await this.collections.of();
    const cursor = callbacks
      .find(query, { projection: { view: 1 } })
      .sort(callbackSort(sort))
      .batchSize(1000);
    try {
      for await (const doc of cursor) yield doc.view as CallbackView;
    } finally {
      await cursor.close();
    }
  }

  async get(callbackId: string): Promise<CallbackView | null> {
    const doc = await (await this.collections.of()).callbacks.findOne({ _id: callbackId } as Document);
    return doc ? (doc.view as CallbackView) : null;
  }
}

/** The search form's choices from the callback collection's indexes. */
export class MongoCallbackChoices implements CallbackChoices {
  constructor(private readonly collections: MongoCollections) {}

  /** `distinct` on a field that leads an index is a DISTINCT_SCAN: one index seek per value. */
  async searchChoices(): Promise<SearchChoices> {
    const { callbacks } = await this.collections.of();
    const values = async (field: string) =>
      ((await callbacks.distinct(field)) as (string | null)[])
        .filter((value): value is string => typeof value === 'string')
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const [callCenters, businessLabels, agents] = await Promise.all([
      values('callCenter'),
      values('businessLabel'),
      values('agent'),
    ]);
    return { callCenters, businessLabels, agents };
  }
}
