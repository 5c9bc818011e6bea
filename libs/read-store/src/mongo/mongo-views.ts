import type { Document } from 'mongodb';
import type { CallbackView } from '../callback-view.js';
import { callbackMatchText } from '../callback-text.js';
import type { AsyncSearchListRow } from '../projections/async-search-list.projection.js';
import type { CallbackStatsRow } from '../projections/callback-stats.projection.js';
import type { ReadProjectionName } from '../read-store.port.js';
import { callbackIndexes, trigramsOf } from './mongo-filter.js';

/** Collections of one generation; the active one is named by the pointer document in `meta`. */
export function collectionNames(generation: number) {
  return {
    callbacks: `callbacks_g${generation}`,
    callbackStats: `callback_stats_g${generation}`,
    asyncSearches: `async_searches_g${generation}`,
    tombstones: `tombstones_g${generation}`,
    checkpoints: `checkpoints_g${generation}`,
  };
}

export const metaCollection = 'meta';
export const retentionCollection = 'retention_tombstones';

/** Indexes the app creates (idempotently) for a generation's collections. */
export const indexesByView: Record<ReadProjectionName, Document[]> = {
  callbacks: callbackIndexes,
  callbackStats: [{ registeredAt: 1 }],
  asyncSearches: [{ ownerId: 1, requestedAt: -1, _id: -1 }],
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
