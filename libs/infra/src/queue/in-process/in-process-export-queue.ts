import {
  defaultQueueOptions,
  reasonOf,
  QueueUnavailableError,
  type AsyncSearchJobPayload,
  type ExportJobHandler,
  type ExportQueue,
  type ExportQueueOptions,
  type ProcessOptions,
  type QueueDepth,
} from '../export-queue.port.js';

type JobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

interface Job<Payload> {
  jobId: string;
  payload: Payload;
  state: JobState;
  attemptsMade: number;
  finishedAt?: number;
}

/**
 * The embedded queue: jobs live in this process only, with Bull's semantics (dedupe by id, attempts
 * with exponential backoff, concurrency, a final-failure hook). A crash loses the queue, not the jobs:
 * the async searches are still `pending`/`processing` in the event store and the reactor enqueues
 * them again on start — which is why stalled-job detection is not needed here.
 */
export class InProcessExportQueue<Payload = AsyncSearchJobPayload> implements ExportQueue<Payload> {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly keepFinishedMs: number;
  private readonly onError: (error: Error) => void;
  private readonly jobs = new Map<string, Job<Payload>>();
  private readonly waiting: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private handler?: ExportJobHandler<Payload>;
  private processOptions: Required<Pick<ProcessOptions, 'concurrency'>> & ProcessOptions = { concurrency: 1 };
  private closed = false;

  constructor(options: ExportQueueOptions = {}) {
    this.attempts = options.attempts ?? defaultQueueOptions.attempts;
    this.backoffMs = options.backoffMs ?? defaultQueueOptions.backoffMs;
    this.keepFinishedMs = options.keepFinishedMs ?? defaultQueueOptions.keepFinishedMs;
    this.onError = options.onError ?? ((error) => process.stderr.write(`in-process export queue: ${error.message}\n`));
  }

  async enqueue(jobId: string, payload: Payload): Promise<void> {
    if (this.closed) throw new QueueUnavailableError('the in-process export queue is closed');
    this.forgetOldFinishedJobs();
    if (this.jobs.has(jobId)) return;
    this.jobs.set(jobId, { jobId, payload, state: 'waiting', attemptsMade: 0 });
    this.waiting.push(jobId);
    this.pump();
  }

  process(handler: ExportJobHandler<Payload>, options: ProcessOptions = {}): void {
    if (this.handler) throw new Error('process() was already called on this queue');
    this.handler = handler;
    this.processOptions = { ...options, concurrency: Math.max(1, options.concurrency ?? 1) };
    this.pump();
  }

  async depth(): Promise<QueueDepth> {
    const depth: QueueDepth = { waiting: 0, active: 0, delayed: 0, failed: 0 };
    for (const job of this.jobs.values()) if (job.state !== 'completed') depth[job.state] += 1;
    return depth;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Lets Nest close the queue with the application. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private pump(): void {
    while (!this.closed && this.handler && this.running.size < this.processOptions.concurrency) {
      const jobId = this.waiting.shift();
      if (jobId === undefined) return;
      const job = this.jobs.get(jobId);
      if (!job) continue;
      const run = this.run(job, this.handler).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(job: Job<Payload>, handler: ExportJobHandler<Payload>): Promise<void> {
    job.state = 'active';
    job.attemptsMade += 1;
    try {
      await handler({ jobId: job.jobId, payload: job.payload, attempt: job.attemptsMade, attempts: this.attempts });
      this.finish(job, 'completed');
    } catch (error) {
      if (job.attemptsMade < this.attempts && !this.closed) {
        this.retryLater(job);
      } else {
        this.finish(job, 'failed');
        await this.reportFinalFailure(job.jobId, reasonOf(error));
      }
    }
  }

  private retryLater(job: Job<Payload>): void {
    job.state = 'delayed';
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        job.state = 'waiting';
        this.waiting.push(job.jobId);
        this.pump();
      },
      this.backoffMs * 2 ** (job.attemptsMade - 1),
    );
    this.timers.add(timer);
  }

  private finish(job: Job<Payload>, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAt = Date.now();
  }

  private async reportFinalFailure(jobId: string, reason: string): Promise<void> {
    try {
      await this.processOptions.onFailedFinally?.(jobId, reason);
    } catch (error) {
      this.onError(new Error(`onFailedFinally(${jobId}) failed: ${reasonOf(error)}`));
    }
  }

  private forgetOldFinishedJobs(): void {
    const horizon = Date.now() - this.keepFinishedMs;
    for (const [jobId, job] of this.jobs) {
      if (job.finishedAt !== undefined && job.finishedAt <= horizon) this.jobs.delete(jobId);
    }
  }
}
