import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { AppConfig, MetricsSnapshot } from '#runtime';
import type { ReadSideHealth } from './run-read-side.js';
import type { FromReadSide, ToReadSide } from './thread-messages.js';

export interface ReadSideThreadOptions {
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
  /** Settles once the thread, asked to open, is ready or has ended; null until it is asked. */
  private opened: Promise<void> | null = null;
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

  /**
   * Starts the thread's script, which loads its code (a second or more of module loading) and then waits
   * for `open`: spawned early, that loading runs beside this thread's start-up instead of after it.
   */
  static spawn(options: ReadSideThreadOptions = {}): ReadSideThread {
    const entry = options.entry ?? new URL('./read-side.thread.js', import.meta.url);
    return new ReadSideThread(new Worker(entry), options.exitGraceMs ?? 10_000);
  }

  /** Spawns and opens the thread; resolves once its projector and worker run, rejects if it fails to start. */
  static async start(options: ReadSideThreadOptions & { config: AppConfig }): Promise<ReadSideThread> {
    const thread = ReadSideThread.spawn(options);
    await thread.open(options.config);
    return thread;
  }

  /**
   * Hands the thread its configuration, which opens its stores and starts its projector and worker: asked
   * once this thread has opened its own stores, so the data dir, its files and the master key exist first.
   * Resolves once the thread is ready; rejects if it ends before. Later calls return the same answer.
   */
  open(config: AppConfig): Promise<void> {
    this.opened ??= new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromReadSide) => {
        if (message.kind !== 'ready') return;
        this.worker.off('message', onMessage);
        resolve();
      };
      this.worker.on('message', onMessage);
      void this.exited.then(() => reject(this.ended ?? new Error('the read-side thread ended before it was ready')));
      this.worker.postMessage({ kind: 'open', config } satisfies ToReadSide);
    });
    return this.opened;
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
   * end within the grace period is terminated. Nothing to do once it has ended. A thread never asked to
   * open has only loaded its code: it is terminated. One still opening is stopped once it is ready.
   */
  async stop(): Promise<void> {
    if (this.opened === null && !this.ended && !this.stopping) {
      this.stopping = true;
      await this.worker.terminate();
    }
    await this.opened?.catch(() => undefined);
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
