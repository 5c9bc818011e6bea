import Bull from 'bull';
import {
  defaultQueueOptions,
  reasonOf,
  QueueUnavailableError,
  throttledErrorLog,
  type AsyncSearchJobPayload,
  type ExportJobHandler,
  type ExportQueue,
  type ExportQueueOptions,
  type ProcessOptions,
  type QueueDepth,
} from '../export-queue.port.js';

export interface BullExportQueueConfig extends ExportQueueOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  redisUrl: string;
  /** Prefix of every Redis key, so several deployments (or test runs) share one Redis. Default `orikaeshi`. */
  prefix?: string;
  /** Default `async-search-export`. */
  queueName?: string;
  /** A worker holds a job's lock this long and renews it at half that while alive. Default 30 s. */
  lockDurationMs?: number;
  /** How often a worker looks for active jobs whose lock expired (their worker died). Default 30 s. */
  stalledIntervalMs?: number;
  /** Times a job may stall and be restarted before it fails for good. Default 1. */
  maxStalledCount?: number;
  /** `enqueue` gives up after this long even if Redis neither answers nor refuses. Default 5 s. */
  enqueueTimeoutMs?: number;
}

export const DEFAULT_EXPORT_QUEUE_NAME = 'async-search-export';

/**
 * Bull queue options from our configuration. Shared by `BullExportQueue.connect` and the Nest module
 * (`BullModule.forRoot`), so both behave the same.
 *
 * Bull's default client retries a command through 20 reconnects with growing delays (minutes) and
 * queues it offline meanwhile: `enqueue` would hang while Redis is down. `maxRetriesPerRequest: 1` on
 * the command client makes it fail after the first failed reconnect (milliseconds for a refused
 * connection); Bull itself forces `null` on its blocking and subscriber clients, which must wait.
 */
export function bullQueueOptions(config: BullExportQueueConfig): Bull.QueueOptions {
  return {
    prefix: config.prefix ?? 'orikaeshi',
    redis: { ...redisOptionsFromUrl(config.redisUrl), maxRetriesPerRequest: 1, connectTimeout: 5_000 },
    settings: {
      lockDuration: config.lockDurationMs ?? 30_000,
      stalledInterval: config.stalledIntervalMs ?? 30_000,
      maxStalledCount: config.maxStalledCount ?? 1,
    },
  };
}

function redisOptionsFromUrl(redisUrl: string): Bull.QueueOptions['redis'] & object {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${url.protocol}//`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
  };
}

/** The production queue: Bull on Redis. Works on a Bull queue made by Nest or by `connect`. */
export class BullExportQueue<Payload = AsyncSearchJobPayload> implements ExportQueue<Payload> {
  private readonly jobOptions: Bull.JobOptions;
  private readonly enqueueTimeoutMs: number;
  private readonly onError: (error: Error) => void;
  private processing = false;

  constructor(
    readonly queue: Bull.Queue<Payload>,
    options: ExportQueueOptions & Pick<BullExportQueueConfig, 'enqueueTimeoutMs'> = {},
  ) {
    const keepSeconds = Math.ceil((options.keepFinishedMs ?? defaultQueueOptions.keepFinishedMs) / 1000);
    this.jobOptions = {
      attempts: options.attempts ?? defaultQueueOptions.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? defaultQueueOptions.backoffMs },
      // Finished jobs stay for a while: their ids keep deduplicating a late or replayed enqueue.
      removeOnComplete: { age: keepSeconds },
      removeOnFail: { age: keepSeconds },
    };
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5_000;
    this.onError = options.onError ?? throttledErrorLog(`export queue ${queue.name}`);
    // Without a listener an 'error' event (Redis down) would crash the process.
    queue.on('error', (error: Error) => this.onError(error));
  }

  static connect<Payload = AsyncSearchJobPayload>(config: BullExportQueueConfig): BullExportQueue<Payload> {
    const queue = new Bull<Payload>(config.queueName ?? DEFAULT_EXPORT_QUEUE_NAME, bullQueueOptions(config));
    return new BullExportQueue(queue, config);
  }

  async enqueue(jobId: string, payload: Payload): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(`Redis did not answer within ${this.enqueueTimeoutMs} ms`)),
        this.enqueueTimeoutMs,
      );
    });
    try {
      // Bull's `jobId` makes the add a no-op when a job with that id exists. Should a timed-out add
      // still reach Redis later, the caller's retry with the same id is a no-op too.
      await Promise.race([this.queue.add(payload, { ...this.jobOptions, jobId }), timeout]);
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      throw new QueueUnavailableError(`could not enqueue job ${jobId}: ${reasonOf(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  process(handler: ExportJobHandler<Payload>, options: ProcessOptions = {}): void {
    if (this.processing) throw new Error('process() was already called on this queue');
    this.processing = true;
    const { onFailedFinally } = options;
    // 'failed' fires on the instance that ran the attempt (or found the job stalled too often), for
    // every failed attempt; only the last one, where Bull sets finishedOn, is final.
    this.queue.on('failed', (job: Bull.Job<Payload>, error: Error) => {
      const final = Boolean(job.finishedOn) || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final || !onFailedFinally) return;
      Promise.resolve()
        .then(() => onFailedFinally(String(job.id), reasonOf(error)))
        .catch((hookError: unknown) =>
          this.onError(new Error(`onFailedFinally(${String(job.id)}) failed: ${reasonOf(hookError)}`)),
        );
    });
    const attempts = this.jobOptions.attempts ?? 1;
    this.queue
      .process(Math.max(1, options.concurrency ?? 1), (job: Bull.Job<Payload>) =>
        handler({ jobId: String(job.id), payload: job.data, attempt: job.attemptsMade + 1, attempts }),
      )
      .catch((error: unknown) => this.onError(new Error(`export queue processing stopped: ${reasonOf(error)}`)));
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts();
    return { waiting: counts.waiting, active: counts.active, delayed: counts.delayed, failed: counts.failed };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
