/**
 * Where the per-callback data keys live (embedded: its own SQLite file; production: MongoDB). Keys are
 * stored wrapped by the master key; shredding destroys a key for good, and a shredded key stays known as
 * shredded so a surviving encrypted event is recognised as erased rather than as damaged.
 */
export interface KeyStore {
  /** The wrapped data key, `'shredded'`, or null when none was ever created. */
  find(keyId: string): Promise<Buffer | 'shredded' | null>;
  /** Stores `wrapped` unless a key (or a shredded mark) already exists; answers what is stored now. */
  createIfAbsent(keyId: string, wrapped: Buffer): Promise<Buffer | 'shredded'>;
  /** Destroys the keys (overwriting them on disk where the store can) and marks them shredded. */
  shred(keyIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');
