import { newDataKey, unwrapDataKey, wrapDataKey } from './field-cipher.js';
import type { KeyStore } from './key-store.port.js';

/** A key as a reader meets it: usable, destroyed, or never created (events written in clear). */
export type KeyState = Buffer | 'shredded' | 'none';

/**
 * Unwrapped data keys, cached for a minute: a key shredded by another process (the sweeper in the
 * projector, an erasure request on another API instance) stops decrypting here within that minute, and at
 * once in the process that shredded it.
 */
const cacheMillis = 60_000;
const maxCached = 50_000;

export class PersonalDataKeys {
  private readonly cache = new Map<string, { state: KeyState; until: number }>();

  constructor(
    private readonly keyStore: KeyStore,
    private readonly masterKey: Buffer,
  ) {}

  /** The key if this process knows it right now, without waiting; undefined when it must be looked up. */
  cached(keyId: string): KeyState | undefined {
    const entry = this.cache.get(keyId);
    if (!entry) return undefined;
    if (entry.state !== 'shredded' && entry.until < Date.now()) {
      this.cache.delete(keyId);
      return undefined;
    }
    return entry.state;
  }

  async find(keyId: string): Promise<KeyState> {
    const known = this.cached(keyId);
    if (known !== undefined && known !== 'none') return known;
    return this.remember(keyId, this.unwrap(keyId, await this.keyStore.find(keyId)));
  }

  /** The stream's key, created on its first personal event. */
  async findOrCreate(keyId: string): Promise<Buffer | 'shredded'> {
    const known = await this.find(keyId);
    if (known !== 'none') return known;
    const stored = await this.keyStore.createIfAbsent(keyId, wrapDataKey(this.masterKey, keyId, newDataKey()));
    return this.remember(keyId, this.unwrap(keyId, stored)) as Buffer | 'shredded';
  }

  async shred(keyIds: readonly string[]): Promise<void> {
    if (keyIds.length === 0) return;
    await this.keyStore.shred(keyIds);
    for (const keyId of keyIds) this.remember(keyId, 'shredded');
  }

  private unwrap(keyId: string, stored: Buffer | 'shredded' | null): KeyState {
    if (stored === null) return 'none';
    return stored === 'shredded' ? stored : unwrapDataKey(this.masterKey, keyId, stored);
  }

  private remember(keyId: string, state: KeyState): KeyState {
    if (this.cache.size >= maxCached) this.cache.clear();
    this.cache.set(keyId, { state, until: Date.now() + cacheMillis });
    return state;
  }
}
