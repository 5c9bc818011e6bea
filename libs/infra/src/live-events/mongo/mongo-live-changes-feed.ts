import type { ClientSession, Collection, Db } from 'mongodb';
import type { LiveChange, LiveChangeKind, LiveChangesFeed, NewLiveChange } from '../live-changes-feed.port.js';

interface ChangeDocument {
  _id: number;
  kind: LiveChangeKind;
  entityId: string;
  version: number;
  ownerAccountId: string | null;
  payload: Record<string, unknown>;
  recordedAt: Date;
}

interface CounterDocument {
  _id: string;
  seq: number;
}

/**
 * The feed as a collection of the read store's database. Seq numbers come from a counter document bumped
 * once per batch; given the projector's session, the counter and the changes commit with the view batch.
 * API instances read it by polling `_id > seq` (one indexed query per poll, no replica set needed, unlike
 * change streams). Only one projector writes, so seqs become visible in order.
 */
export class MongoLiveChangesFeed implements LiveChangesFeed {
  private readonly changes: Collection<ChangeDocument>;
  private readonly counters: Collection<CounterDocument>;

  constructor(db: Db) {
    this.changes = db.collection<ChangeDocument>('live_changes');
    this.counters = db.collection<CounterDocument>('live_changes_seq');
  }

  async ensureIndexes(): Promise<void> {
    await this.changes.createIndex({ recordedAt: 1 });
  }

  async append(changes: readonly NewLiveChange[], now: Date, options: { session?: ClientSession } = {}): Promise<void> {
    if (changes.length === 0) return;
    const counter = await this.counters.findOneAndUpdate(
      { _id: 'live_changes' },
      { $inc: { seq: changes.length } },
      { upsert: true, returnDocument: 'after', session: options.session },
    );
    const last = counter?.seq ?? changes.length;
    const first = last - changes.length + 1;
    await this.changes.insertMany(
      changes.map((change, i) => ({
        _id: first + i,
        kind: change.kind,
        entityId: change.id,
        version: change.version,
        ownerAccountId: change.ownerAccountId,
        payload: change.payload,
        recordedAt: now,
      })),
      { session: options.session, ordered: true },
    );
  }

  async readAfter(seq: number, limit: number): Promise<LiveChange[]> {
    const documents = await this.changes
      .find({ _id: { $gt: seq } })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return documents.map((document) => ({
      seq: document._id,
      kind: document.kind,
      id: document.entityId,
      version: document.version,
      ownerAccountId: document.ownerAccountId,
      payload: document.payload,
      recordedAt: document.recordedAt,
    }));
  }

  async latestSeq(): Promise<number> {
    return (await this.counters.findOne({ _id: 'live_changes' }))?.seq ?? 0;
  }

  async prune(olderThan: Date): Promise<number> {
    return (await this.changes.deleteMany({ recordedAt: { $lt: olderThan } })).deletedCount;
  }
}
