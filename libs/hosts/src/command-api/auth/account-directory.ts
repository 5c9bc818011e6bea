import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type Account,
  accountDecider,
  fold,
  streamCategories,
  streamNames,
  type AccountEvent,
  type TokenEvent,
} from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { hashToken } from '#runtime';

/** Options of the AccountDirectory's per-process cache (a Nest provider under this token, optional). */
export const ACCOUNT_CACHE_OPTIONS = Symbol('ACCOUNT_CACHE_OPTIONS');

export interface AccountCacheOptions {
  /**
   * How long an authenticated token is trusted without reading the event store again. Changes made by this
   * process (a new token, new columns, email) take effect at once; changes made by another process (another
   * API instance replacing a token) within this delay. 0 turns the cache off.
   */
  ttlMs: number;
  /** Tokens remembered at most (the oldest is forgotten first). */
  maxEntries: number;
  /** Milliseconds since the epoch (tests pass a manual clock). */
  now: () => number;
}

export const defaultAccountCacheOptions: AccountCacheOptions = { ttlMs: 5_000, maxEntries: 10_000, now: Date.now };

interface CachedAccount {
  account: Account;
  expiresAt: number;
}

/**
 * Finds the account a bearer token belongs to, from the event store (read-your-writes: an account works the
 * moment it is created). `token-<hash>` names the account; the account's own stream says whether that hash
 * is still its current token.
 *
 * Authenticated tokens are cached per process for `ttlMs` (5 s by default), keyed by the token's hash.
 * Every command this process runs on an account stream forgets that account's entries at once (see
 * RunAggregateCommandHandler), so a token replaced here stops working with the next request; one replaced
 * by another process stops working within `ttlMs` (the documented revocation delay). Unknown tokens are
 * never cached, so a new account works at once everywhere.
 */
@Injectable()
export class AccountDirectory {
  private readonly cache = new Map<string, CachedAccount>();
  /** Bumped by every invalidation: a lookup that raced with one does not store what it read. */
  private epoch = 0;
  private readonly options: AccountCacheOptions;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Optional() @Inject(ACCOUNT_CACHE_OPTIONS) options: Partial<AccountCacheOptions> | null = null,
  ) {
    this.options = { ...defaultAccountCacheOptions, ...options };
  }

  async authenticate(token: string): Promise<Account | null> {
    const tokenHash = hashToken(token);
    const now = this.options.now();
    const cached = this.cache.get(tokenHash);
    if (cached !== undefined) {
      if (cached.expiresAt > now) return cached.account;
      this.cache.delete(tokenHash);
    }
    const epoch = this.epoch;
    const account = await this.lookUp(tokenHash);
    if (account && this.options.ttlMs > 0 && epoch === this.epoch) this.remember(tokenHash, account, now);
    return account;
  }

  async find(accountId: string): Promise<Account | null> {
    const events = await this.eventStore.readStream(streamNames.account(accountId));
    const state = fold(accountDecider, events as AccountEvent[]);
    if (state.status !== 'active') return null;
    const { status: _status, ...account } = state;
    return account;
  }

  /** Forgets what is cached about the account whose stream this is (no-op for other streams). */
  streamChanged(streamName: string): void {
    if (!streamName.startsWith(streamCategories.account)) return;
    const accountId = streamName.slice(streamCategories.account.length);
    this.epoch += 1;
    for (const [tokenHash, entry] of this.cache) {
      if (entry.account.id === accountId) this.cache.delete(tokenHash);
    }
  }

  private async lookUp(tokenHash: string): Promise<Account | null> {
    const binding = await this.eventStore.readStream(streamNames.token(tokenHash));
    const bound = binding[0] as unknown as TokenEvent | undefined;
    if (!bound) return null;
    const account = await this.find(bound.data.accountId);
    return account && account.tokenHash === tokenHash ? account : null;
  }

  private remember(tokenHash: string, account: Account, now: number): void {
    if (this.cache.size >= this.options.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(tokenHash, { account, expiresAt: now + this.options.ttlMs });
  }
}
