import type { MessagePort } from 'node:worker_threads';
import type { AppConfig } from '#runtime';

/**
 * What the API thread and the read-side thread of the all-in-one process say to each other over the
 * worker's port: `open` once (the configuration), calls with their replies, and notices the read side
 * sends on its own.
 */
export type ToReadSide =
  { kind: 'open'; config: AppConfig } | { kind: 'call'; id: number; method: string; args: unknown[] };

export type FromReadSide =
  | { kind: 'ready' }
  | { kind: 'reply'; id: number; result?: unknown; error?: string }
  | { kind: 'notice'; name: string; payload: unknown };

/** A method the read side serves; its arguments and result cross the thread boundary (structured clone). */
export type ReadSideMethod = (...args: never[]) => unknown;

/** Answers every call arriving on `port` with the named method's result, or its error's message. */
export function serveCalls(port: MessagePort, methods: () => Record<string, ReadSideMethod>): () => void {
  const listener = (message: ToReadSide) => {
    if (message.kind !== 'call') return;
    void (async () => {
      const method = methods()[message.method] as ((...args: unknown[]) => unknown) | undefined;
      try {
        if (!method) throw new Error(`the read side has no method ${message.method}`);
        port.postMessage({
          kind: 'reply',
          id: message.id,
          result: await method(...message.args),
        } satisfies FromReadSide);
      } catch (error) {
        port.postMessage({
          kind: 'reply',
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies FromReadSide);
      }
    })();
  };
  port.on('message', listener);
  return () => port.off('message', listener);
}

/** The configuration `open` brings (see ReadSideThread.open); messages before it wait in the port. */
export function configWhenOpened(port: MessagePort): Promise<AppConfig> {
  return new Promise((resolve) => {
    const listener = (message: ToReadSide) => {
      if (message.kind !== 'open') return;
      port.off('message', listener);
      resolve(configInThread(message.config));
    };
    port.on('message', listener);
  });
}

/** The configuration as it crosses to the thread: a Buffer arrives as a plain Uint8Array and is made one again. */
function configInThread(received: AppConfig): AppConfig {
  return { ...received, piiMasterKey: received.piiMasterKey ? Buffer.from(received.piiMasterKey) : null };
}
