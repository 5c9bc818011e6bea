import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';

/** A pass over a few files takes milliseconds; a thread still running after this is ended. */
const stopGraceMs = 5_000;

export interface WalCheckpointThreadData {
  files: string[];
  intervalMs: number;
}

/**
 * Checkpoints the embedded family's SQLite write-ahead logs on a thread of its own, so neither the API
 * thread's commands nor the read side's projection batches pay a checkpoint's copy and syncs (see
 * `walAutoCheckpointPages`). If the thread fails, the connections checkpoint their own logs again past
 * 64 MiB: slower commits now and then, nothing lost, so a failure is logged and the process goes on.
 */
export class WalCheckpointThread {
  private readonly logger = new Logger('wal-checkpoints');
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('error', (error) => {
      if (!this.stopping) this.logger.error({ message: 'the checkpoint thread failed', error: error.message });
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  static start(data: WalCheckpointThreadData): WalCheckpointThread {
    const worker = new Worker(new URL('./wal-checkpoint.thread.js', import.meta.url), { workerData: data });
    return new WalCheckpointThread(worker);
  }

  /** Ends the thread once its pass in hand is done; it closes its connections (the files stay as they are). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), stopGraceMs)));
    if ((await Promise.race([this.exited, late])) === 'late') await this.worker.terminate();
    clearTimeout(timer);
  }
}
