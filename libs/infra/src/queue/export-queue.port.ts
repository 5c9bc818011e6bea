/** Injection token of the queue that carries asynchronous-search export jobs. */
export const EXPORT_QUEUE = Symbol('ExportQueue');

/** What the projector's reactor enqueues: the worker reads everything else from the event store. */
export interface AsyncSearchJobPayload {
  asyncSearchId: string;
}

export interface ExportJob<Payload> {
  jobId: string;
  payload: Payload;
  /** 1 on the first run, 2 on the first retry, … (a stalled job picked up again keeps its number). */
  attempt: number;
  /** How many attempts the job gets in all. */
  attempts: number;
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export type ExportJobHandler<Payload> = (job: ExportJob<Payload>) => Promise<void>;

export interface ProcessOptions {
  /** Jobs run at the same time by this process. Default 1. */
  concurrency?: number;
  /**
   * Called once when a job has failed its last attempt (or stalled too often), so the worker can
   * record the search as failed. Errors thrown here are reported, not retried.
   */
  onFailedFinally?: (jobId: string, reason: string) => Promise<void> | void;
}

export interface ExportQueueOptions {
  /** Attempts per job, the first run included. Default 3. */
  attempts?: number;
  /** Delay before the first retry; doubles for each further retry. Default 5 s. */
  backoffMs?: number;
  /**
   * How long a finished (completed or failed) job is remembered, during which enqueuing its id again
   * is a no-op. Default 24 h. A user's retry of a failed search must therefore use a new job id.
   */
  keepFinishedMs?: number;
  /** Redis/queue errors that happen outside a call (reconnects, …). Default: one stderr line. */
  onError?: (error: Error) => void;
}

export const defaultQueueOptions = {
  attempts: 3,
  backoffMs: 5_000,
  keepFinishedMs: 24 * 3_600_000,
} as const;

/**
 * Jobs for asynchronous searches. The event store is the outbox: a job that could not be enqueued
 * stays `pending` there and is enqueued again later, so `enqueue` must fail fast instead of hanging,
 * and must be idempotent per job id.
 */
export interface ExportQueue<Payload = AsyncSearchJobPayload> {
  /**
   * Adds the job unless one with this id is already known (waiting, active, delayed or finished within
   * `keepFinishedMs`). Rejects with `QueueUnavailableError` when the queue cannot be reached.
   */
  enqueue(jobId: string, payload: Payload): Promise<void>;
  /** Starts consuming jobs with `handler`; a rejected handler is retried with exponential backoff. */
  process(handler: ExportJobHandler<Payload>, options?: ProcessOptions): void;
  depth(): Promise<QueueDepth>;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}

/** The queue could not take the job now; the caller keeps it pending and tries again later. */
export class QueueUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueUnavailableError';
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Default `onError`: one line on stderr, not more than once every 10 seconds while Redis is down. */
export function throttledErrorLog(label: string): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    process.stderr.write(`${label}: ${error.message}\n`);
  };
}
