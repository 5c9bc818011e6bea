import { Logger } from '@nestjs/common';
import { DomainError, type RegisteredRange } from '#domain';
import type { BlobInfo, BlobStore } from '#infra';
import type { CommandContext } from '#kernel';
import type { Clock } from '#runtime';
import type { Aggregates } from '../shared/aggregates.js';
import { asyncSearchIdOfExportBlob } from '../shared/export-blob-name.js';
import { systemActor } from '../shared/system-actor.js';

/** Which export files must go: those that may hold a callback that is deleted. */
export interface ExportExpiryRule {
  /** Why, for the log (`retention`, `erasure`). */
  reason: string;
  /** A file whose rows were registered from `range.oldest` to `range.newest` holds such a callback. */
  holds(range: RegisteredRange): boolean;
}

/** The retention rule: a file holding a callback registered before the cutoff. */
export function registeredBefore(cutoff: string): ExportExpiryRule {
  return { reason: 'retention', holds: (range) => range.oldest < cutoff };
}

/** The latest instant a Date can hold: listing the files created before it lists them all. */
const everyFile = new Date(8.64e15);

/**
 * The erasure rule: a file whose rows span the registration of an erased callback. Exact for the file that
 * holds it; a file of the same period that its criteria kept the callback out of expires too (run again).
 */
export function registeredAtAny(instants: readonly string[]): ExportExpiryRule {
  return {
    reason: 'erasure',
    holds: (range) => instants.some((at) => range.oldest <= at && at <= range.newest),
  };
}

/** A file no search claims (its run was refused, or a crash came between) is kept this long for its run. */
const unclaimedFileMs = 24 * 60 * 60 * 1000;

/**
 * 期限切れ (expire-async-search-exports): the export files follow the callbacks they hold. Each file in the
 * export store is named after its search (see `exportBlobName`); a search whose file's rows (the span the
 * run recorded) reach a deleted callback gets `AsyncSearchExpired`, then the file is deleted, and its
 * owner can run it again. Files no search claims any more are deleted too. A file from before files were
 * named after their search cannot say what it holds, so it is deleted (its search still reads
 * `succeeded`; its download answers 404 NOT_FOUND).
 */
export class ExportExpiry {
  private readonly logger = new Logger('export-expiry');
  private readonly context: CommandContext = {
    actor: systemActor,
    correlationId: 'export-expiry',
    expectedVersion: null,
  };

  constructor(
    private readonly aggregates: Aggregates,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /** Applies the rule to every stored file; returns how many files were deleted. */
  async expire(rule: ExportExpiryRule): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    let deleted = 0;
    for await (const blob of this.blobs.listCreatedBefore(everyFile)) {
      const verdict = await this.verdict(blob, rule, now);
      if (verdict === 'keep') continue;
      if (verdict === 'expire') expired += 1;
      await this.blobs.delete(blob.fileId);
      deleted += 1;
    }
    if (deleted > 0) this.logger.log({ message: 'deleted export files', reason: rule.reason, expired, deleted });
    return deleted;
  }

  private async verdict(blob: BlobInfo, rule: ExportExpiryRule, now: Date): Promise<'keep' | 'expire' | 'delete'> {
    const asyncSearchId = asyncSearchIdOfExportBlob(blob.name);
    if (asyncSearchId === null) return 'delete';
    const { state } = await this.aggregates.asyncSearches.load(asyncSearchId);
    // The search was deleted: its file belongs to nobody.
    if (state.status === 'absent' || state.status === 'deleted') return 'delete';
    if (state.fileId !== blob.fileId) {
      // Written by a run that has not recorded it yet, or left by one refused or interrupted.
      return now.getTime() - blob.createdAt.getTime() > unclaimedFileMs ? 'delete' : 'keep';
    }
    if (state.status !== 'succeeded' || state.registeredRange === null) return 'keep';
    if (!rule.holds(state.registeredRange)) return 'keep';
    // The status first: a crash before the file goes leaves a file no search claims, deleted next time.
    const command = { type: 'ExpireAsyncSearch', fileId: blob.fileId, now: this.clock.now() } as const;
    try {
      const outcome = await this.aggregates.asyncSearches.run(asyncSearchId, command, this.context);
      return outcome.state.status === 'expired' ? 'expire' : 'keep';
    } catch (error) {
      // Deleted by its owner meanwhile: the file goes all the same.
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return 'delete';
      throw error;
    }
  }
}
