import { Logger } from '@nestjs/common';
import { type CallbackColumn, DomainError, type ExistingAsyncSearch, type RegisteredRange } from '#domain';
import type { CallbackView } from '#read-store';
import type { EventStore } from '#event-store';
import {
  type AsyncSearchJobPayload,
  type BlobStore,
  type ExportJob,
  type StoredBlob,
  callbacksCsv,
  csvContentType,
  reasonOf,
} from '#infra';
import type { CallbackSearch } from '#read-store';
import { type Clock, type Metrics, commandMetrics } from '#runtime';
import { asyncSearchIdOfJob } from '../shared/async-search-job-id.js';
import { exportBlobName } from '../shared/export-blob-name.js';
import { AsyncSearchCommands } from './async-search-commands.js';
import { type AsyncSearchMailer, OwnerNotification } from './owner-notification.js';

export interface RunAsyncSearchDependencies {
  eventStore: EventStore;
  readStore: Pick<CallbackSearch, 'stream'>;
  blobStore: BlobStore;
  clock: Clock;
  displayTimeZone: string;
  /** null = no notification mails. */
  mailer: AsyncSearchMailer | null;
  /** Export durations by outcome go to `orikaeshi_export_duration_seconds`. */
  metrics?: Metrics | null;
}

/** The aggregate moved on while the worker was busy (deleted, or finished by another worker). */
const movedOn = (error: unknown) =>
  error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TRANSITION');

/**
 * Runs one asynchronous search per job: pending → processing, every matching row (no cap) streamed
 * through the CSV writer into the blob store, then succeeded with the row count and size. A job for a
 * search that is gone or already finished does nothing but send a notification still owed, so a
 * duplicate or replayed job is harmless. A failed attempt leaves the search `processing` for the
 * queue's retry; after the last one `failFinally` records it as failed with the reason.
 */
export class RunAsyncSearchHandler {
  private readonly logger = new Logger('export-worker');
  private readonly commands: AsyncSearchCommands;
  private readonly notification: OwnerNotification;

  constructor(private readonly deps: RunAsyncSearchDependencies) {
    this.commands = new AsyncSearchCommands(
      deps.eventStore,
      deps.clock,
      deps.metrics ? [commandMetrics(deps.metrics)] : [],
    );
    this.notification = new OwnerNotification(deps.eventStore, this.commands, deps.mailer);
  }

  async handle(job: ExportJob<AsyncSearchJobPayload>): Promise<void> {
    const { asyncSearchId } = job.payload;
    const correlationId = `job:${job.jobId}`;
    const state = await this.commands.load(asyncSearchId);
    if (state.status === 'absent' || state.status === 'deleted') return;
    if (state.status === 'succeeded' || state.status === 'failed' || state.status === 'expired') {
      return this.notification.sendIfOwed(asyncSearchId, correlationId);
    }
    try {
      await this.commands.run(asyncSearchId, { type: 'StartAsyncSearch', now: this.commands.now() }, correlationId);
    } catch (error) {
      if (movedOn(error)) return;
      throw error;
    }
    const started = performance.now();
    const observe = (outcome: string) =>
      this.deps.metrics?.exportDuration.observe({ outcome }, (performance.now() - started) / 1000);
    const { stored, rowCount, registeredRange } = await this.writeCsv(state, state.request.narrowingColumns).catch(
      (error: unknown) => {
        observe('failed');
        throw error;
      },
    );
    observe('succeeded');
    try {
      const now = this.commands.now();
      const command = { type: 'SucceedAsyncSearch', ...stored, rowCount, registeredRange, now } as const;
      await this.commands.run(asyncSearchId, command, correlationId);
    } catch (error) {
      // Deleted (or finished elsewhere) while the file was written: the file belongs to nobody.
      await this.deps.blobStore.delete(stored.fileId);
      if (movedOn(error)) return;
      throw error;
    }
    this.logger.log({ message: 'async search succeeded', asyncSearchId, rowCount, byteSize: stored.byteSize });
    await this.notification.sendIfOwed(asyncSearchId, correlationId);
  }

  /** The queue gave up on the job (last attempt failed, or it stalled too often). */
  async failFinally(jobId: string, reason: string): Promise<void> {
    const asyncSearchId = asyncSearchIdOfJob(jobId);
    const correlationId = `job:${jobId}`;
    try {
      const command = { type: 'FailAsyncSearch', reason: reason.slice(0, 1_000), now: this.commands.now() } as const;
      await this.commands.run(asyncSearchId, command, correlationId);
      this.logger.warn({ message: 'async search failed', asyncSearchId, reason });
    } catch (error) {
      // Already succeeded (only its mail kept failing) or deleted: nothing to fail.
      if (!movedOn(error)) throw error;
    }
    await this.notification.sendIfOwed(asyncSearchId, correlationId).catch((error: unknown) => {
      this.logger.error({
        message: 'notification for a finished search not sent',
        asyncSearchId,
        error: reasonOf(error),
      });
    });
  }

  private async writeCsv(
    search: ExistingAsyncSearch,
    columns: readonly CallbackColumn[] | undefined,
  ): Promise<{ stored: StoredBlob; rowCount: number; registeredRange: RegisteredRange | null }> {
    const { asyncSearchId, criteria, encoding } = search.request;
    const timeZone = this.deps.displayTimeZone;
    const counter: RowCounter = { rows: 0, registeredRange: null };
    // Same order and narrowing as GET /callbacks.csv, so both files are byte for byte the same.
    const rows = this.deps.readStore.stream(criteria, columns ? { columns } : {}, '-registeredAt');
    const csv = callbacksCsv(counting(rows, counter), { encoding, timeZone });
    // Named after its search, so retention can tell whose file it is (the download names itself).
    const name = exportBlobName(asyncSearchId);
    const stored = await this.deps.blobStore.put(name, csv, { contentType: csvContentType(encoding) });
    return { stored, rowCount: counter.rows, registeredRange: counter.registeredRange };
  }
}

export interface RowCounter {
  rows: number;
  /** The oldest and newest registration among the rows (null: none yet). */
  registeredRange: RegisteredRange | null;
}

/**
 * Counts the rows as the CSV writer pulls them, and the span of their registration times (constant
 * memory: nothing is collected).
 */
export async function* counting(rows: AsyncIterable<CallbackView>, counter: RowCounter) {
  for await (const row of rows) {
    counter.rows += 1;
    const at = new Date(row.registeredAt).toISOString();
    const range = counter.registeredRange;
    if (range === null) counter.registeredRange = { oldest: at, newest: at };
    else if (at < range.oldest) range.oldest = at;
    else if (at > range.newest) range.newest = at;
    yield row;
  }
}
