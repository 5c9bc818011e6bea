import { BroadcastChannel } from 'node:worker_threads';

/**
 * Tells the other threads of this process that opened the same SQLite file that events were appended,
 * so their subscriptions read at once instead of at the next poll (the all-in-one process runs its
 * projector in a worker thread, with its own connection). Other processes still find appends by polling.
 */
export class CrossThreadAppendSignal {
  private readonly channel: BroadcastChannel;
  private announcing = false;
  private closed = false;

  /** `name` identifies the file; `onAppendElsewhere` runs when another thread appended to it. */
  constructor(name: string, onAppendElsewhere: () => void) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = () => onAppendElsewhere();
    // A store waiting for nothing must not keep its thread alive.
    this.channel.unref();
  }

  /** After a commit. The appends of one synchronous run (one microtask checkpoint) send one message. */
  announce(): void {
    if (this.announcing) return;
    this.announcing = true;
    queueMicrotask(() => {
      this.announcing = false;
      if (!this.closed) this.channel.postMessage(null);
    });
  }

  close(): void {
    this.closed = true;
    this.channel.close();
  }
}
