import type { Collection, Db, Document } from 'mongodb';
import type { CallbackView } from '../callback-view.js';
import { callbackMatchText } from '../callback-text.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import type { CallbackStatsRow } from '../projections/callback-stats.projection.js';
import type { ProjectionTarget, ReadProjectionName } from '../read-store.port.js';
import { accountCodec } from './mongo-account-list.js';
import { callbackIndexes, trigramsOf } from './mongo-filter.js';

/** Collections of one generation; the active one is named by the pointer document in `meta`. */
export function collectionNames(generation: number) {
  return {
    callbacks: `callbacks_g${generation}`,
    callbackStats: `callback_stats_g${generation}`,
    asyncSearches: `async_searches_g${generation}`,
    accounts: `accounts_g${generation}`,
    tombstones: `tombstones_g${generation}`,
    checkpoints: `checkpoints_g${generation}`,
  };
}

export const metaCollection = 'meta';
export const retentionCollection = 'retention_tombstones';

/** Indexes the app creates (idempotently) for a generation's collections; `_id` is every view's key. */
export const indexesByView: Record<ReadProjectionName, Document[]> = {
  callbacks: callbackIndexes,
  callbackStats: [{ registeredAt: 1 }],
  asyncSearches: [{ ownerId: 1, requestedAt: -1, _id: -1 }],
  accounts: [],
};

/** How one view's rows map to documents: `_id` is the row key, `revision` the guard. */
export interface MongoViewCodec<View> {
  toDoc(key: string, view: View, revision: number): Document;
  fromDoc(doc: Document): View;
}

export function callbackCodec(timeZone: string): MongoViewCodec<CallbackView> {
  return {
    toDoc(key, view, revision) {
      const text = callbackMatchText(view, timeZone);
      return {
        _id: key,
        revision,
        registeredAt: view.registeredAt,
        callCenter: view.callCenter,
        businessLabel: view.businessLabel,
        agent: view.agent,
        status: view.status,
        callerNumber: view.callerNumber,
        ourNumber: view.ourNumber,
        requestId: view.requestId,
        view,
        text,
        grams: trigramsOf(text),
      };
    },
    fromDoc: (doc) => doc.view as CallbackView,
  };
}

export const statsCodec: MongoViewCodec<CallbackStatsRow> = {
  toDoc: (key, row, revision) => ({ _id: key, revision, ...row }),
  fromDoc: (doc) => ({
    callbackId: doc.callbackId as string,
    registeredAt: doc.registeredAt as string,
    day: doc.day as string,
    callCenter: doc.callCenter as string,
    businessLabel: doc.businessLabel as string | null,
    agent: doc.agent as string | null,
    status: doc.status as CallbackStatsRow['status'],
    secondsToComplete: doc.secondsToComplete as number | null,
  }),
};

export const asyncSearchCodec: MongoViewCodec<AsyncSearchListRow> = {
  toDoc: (key, row, revision) => ({ _id: key, revision, ownerId: row.ownerId, requestedAt: row.requestedAt, row }),
  fromDoc: (doc) => doc.row as AsyncSearchListRow,
};

/** The codec of every view (the callback view's match text depends on the display time zone). */
export function viewCodecs(timeZone: string): { [Name in ReadProjectionName]: MongoViewCodec<unknown> } {
  return {
    callbacks: callbackCodec(timeZone) as MongoViewCodec<unknown>,
    callbackStats: statsCodec as MongoViewCodec<unknown>,
    asyncSearches: asyncSearchCodec as MongoViewCodec<unknown>,
    accounts: accountCodec as MongoViewCodec<unknown>,
  };
}

export type GenerationCollections = { [Name in ReadProjectionName]: Collection<Document> } & {
  tombstones: Collection<{ _id: string; revision: number }>;
  checkpoints: Collection<{ _id: string; position: string }>;
};

/** Resolves the collections of the active generation, or of the one being rebuilt, through the pointer. */
export class MongoCollections {
  constructor(
    readonly db: Db,
    private readonly generation: (target: ProjectionTarget) => Promise<number>,
  ) {}

  async of(target: ProjectionTarget = 'active'): Promise<GenerationCollections> {
    const names = collectionNames(await this.generation(target));
    return {
      callbacks: this.db.collection(names.callbacks),
      callbackStats: this.db.collection(names.callbackStats),
      asyncSearches: this.db.collection(names.asyncSearches),
      accounts: this.db.collection(names.accounts),
      tombstones: this.db.collection(names.tombstones),
      checkpoints: this.db.collection(names.checkpoints),
    };
  }

  /** Callbacks retention deleted, kept outside the generations (a rebuild must not bring them back). */
  retained(): Collection<{ _id: string; retained?: boolean }> {
    return this.db.collection(retentionCollection);
  }
}
