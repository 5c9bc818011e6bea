import { Binary, type Collection, type Db, MongoServerError } from 'mongodb';
import type { KeyStore } from '#kernel';

interface KeyDocument {
  _id: string;
  /** null once shredded. */
  wrapped: Binary | null;
}

/** The production key store: one document per data key in the read store's MongoDB database. */
export class MongoKeyStore implements KeyStore {
  private readonly keys: Collection<KeyDocument>;

  constructor(
    db: Db,
    private readonly closeClient: () => Promise<void> = async () => undefined,
  ) {
    this.keys = db.collection<KeyDocument>('dataKeys');
  }

  async find(keyId: string): Promise<Buffer | 'shredded' | null> {
    const found = await this.keys.findOne({ _id: keyId });
    if (!found) return null;
    return found.wrapped ? Buffer.from(found.wrapped.buffer) : 'shredded';
  }

  async createIfAbsent(keyId: string, wrapped: Buffer): Promise<Buffer | 'shredded'> {
    try {
      await this.keys.insertOne({ _id: keyId, wrapped: new Binary(wrapped) });
    } catch (error) {
      // A concurrent writer created (or shredded) it first: theirs is the key.
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
    return (await this.find(keyId)) as Buffer | 'shredded';
  }

  async shred(keyIds: readonly string[]): Promise<void> {
    if (keyIds.length === 0) return;
    await this.keys.bulkWrite(
      keyIds.map((keyId) => ({
        updateOne: { filter: { _id: keyId }, update: { $set: { wrapped: null } }, upsert: true },
      })),
      { ordered: false },
    );
  }

  async close(): Promise<void> {
    await this.closeClient();
  }
}
