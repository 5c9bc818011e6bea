import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { AppConfig, MetricsSnapshot } from '#runtime';
import type { ReadSideHealth, ReadSideThreadData } from './run-read-side.js';
import type { FromReadSide, ToReadSide } from './thread-messages.js';

export interface ReadSideThreadOptions {
  config: AppConfig;
  /** The thread's script; default the product's (`read-side.thread.js`). The bench gives one that adds its probes. */
  entry?: URL;
  /** How long `stop()` waits for the thread to end once it has closed everything. Default 10 s. */
  exitGraceMs?: number;
}

/**
 * The API thread's handle on the read-side worker thread (see runReadSide): starts it, calls it, hears
 * its notices, and says when it ended on its own (a crash: an uncaught error, or out of memory).
 */
export class ReadSideThread {
  private readonly logger = new Logger('read-side');
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly noticeListeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly crashListeners = new Set<(error: Error) => void>();
  private nextId = 1;
  private stopping = false;
  /** Why the thread is no longer running; null while it runs. */
  private ended: Error | null = null;
  readonly exited: Promise<number>;

  private constructor(
    private readonly worker: Worker,
    private readonly exitGraceMs: number,
  ) {
    worker.on('message', (message: FromReadSide) => this.receive(message));
    let lastError: Error | null = null;
    worker.on('error', (error) => (lastError = error));
    this.exited = new Promise((resolve) => {
      worker.once('exit', (code) => {
        const reason = lastError ?? new Error(`the read-side thread exited with code ${code}`);
        this.ended = this.stopping ? new Error('the read side has stopped') : reason;
        for (const { reject } of this.pending.values()) reject(this.ended);
        this.pending.clear();
        if (!this.stopping) {
          this.logger.error({ message: 'the read-side thread ended unexpectedly', error: reason.message, code });
          for (const listener of this.crashListeners) listener(reason);
        }
        resolve(code);
      });
    });
  }

  /** Starts the thread; resolves once its projector and worker run, rejects if it fails to start. */
  static async start(options: ReadSideThreadOptions): Promise<ReadSideThread> {
    const entry = options.entry ?? new URL('./read-side.thread.js', import.meta.url);
    const worker = new Worker(entry, {
      workerData: { config: options.config } satisfies ReadSideThreadData,
    });
    const thread = new ReadSideThread(worker, options.exitGraceMs ?? 10_000);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromReadSide) => {
        if (message.kind !== 'ready') return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      void thread.exited.then(() =>
        reject(thread.ended ?? new Error('the read-side thread ended before it was ready')),
      );
    });
    return thread;
  }

  /** True until the thread has stopped or crashed. */
  get running(): boolean {
    return this.ended === null;
  }

  /** Calls a method of the read side (runReadSide's, or one a hook added). */
  call<T>(method: string, ...args: unknown[]): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ kind: 'call', id, method, args } satisfies ToReadSide);
    });
  }

  health(): Promise<ReadSideHealth> {
    return this.call('health');
  }

  metrics(): Promise<MetricsSnapshot> {
    return this.call('metrics');
  }

  queueDepth(): Promise<Record<string, number>> {
    return this.call('queueDepth');
  }

  /** Resolves once every projection has handled every event stored when this was called. */
  waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    return this.call('waitUntilCaughtUp', timeoutMs);
  }

  onNotice(name: string, listener: (payload: unknown) => void): void {
    let listeners = this.noticeListeners.get(name);
    if (!listeners) this.noticeListeners.set(name, (listeners = new Set()));
    listeners.add(listener);
  }

  /** `listener` runs once if the thread ends without having been asked to stop. */
  onCrash(listener: (error: Error) => void): void {
    this.crashListeners.add(listener);
  }

  /**
   * Stops the projector (batch in hand checkpointed, dispatch included), lets the worker finish its
   * running exports, closes the thread's stores, and waits for the thread to end. A thread that does not
   * end within the grace period is terminated. Nothing to do once it has ended.
   */
  async stop(): Promise<void> {
    if (this.ended || this.stopping) {
      await this.exited;
      return;
    }
    this.stopping = true;
    // The thread may end before its reply crosses: the exit is what counts.
    await this.call('stop').catch(() => undefined);
    const timer = setTimeout(() => {
      this.logger.warn({ message: 'the read-side thread did not end after closing; terminating it' });
      void this.worker.terminate();
    }, this.exitGraceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private receive(message: FromReadSide): void {
    if (message.kind === 'reply') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    } else if (message.kind === 'notice') {
      for (const listener of this.noticeListeners.get(message.name) ?? []) listener(message.payload);
    }
  }
}
