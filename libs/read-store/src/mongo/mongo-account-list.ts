import type { AccountList } from '../projections/account-list.port.js';
import type { AccountListRow } from '../projections/account-list.projection.js';
// Types only: mongo-views.ts imports this file for the codec, so a value import back would be a cycle.
import type { MongoCollections, MongoViewCodec } from './mongo-views.js';

/** The accounts view: the row as it is (no secret in it), keyed by account id. */
export const accountCodec: MongoViewCodec<AccountListRow> = {
  toDoc: (key, row, revision) => ({ _id: key, revision, row }),
  fromDoc: (doc) => doc.row as AccountListRow,
};

/** `AccountList` on the active generation: a handful of documents, read whole. */
export class MongoAccountList implements AccountList {
  constructor(private readonly collections: MongoCollections) {}

  async listAccounts(): Promise<AccountListRow[]> {
    const { accounts } = await this.collections.of();
    return (await accounts.find({}).toArray()).map((doc) => accountCodec.fromDoc(doc));
  }
}
