// Fixtures of the event store contract suite (named *.contract.ts so the build leaves them out).
import { randomUUID } from 'node:crypto';
import { type AllSubscription, type EventData, type RecordedEvent } from './event-store.port.js';

const WAIT_MS = 10_000;

export function streamName(): string {
  return `contract-${randomUUID()}`;
}

export function event(type: string, n: number): EventData {
  return {
    type,
    data: { n },
    metadata: {
      actor: { id: 'system', name: 'contract suite', roles: ['admin'] },
      occurredAt: '2024-04-01T00:00:00.000Z',
      correlationId: 'correlation-1',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

export async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const collected: RecordedEvent[] = [];
  for await (const recorded of events) collected.push(recorded);
  return collected;
}

export async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the append to be rejected');
}

export function isStrictlyIncreasing(positions: bigint[]): boolean {
  return positions.every((position, i) => i === 0 || position > positions[i - 1]);
}

/** Consumes a subscription with `for await`, keeping the events of one stream, as a projector would. */
export function consume(subscription: AllSubscription, stream: string) {
  const received: RecordedEvent[] = [];
  let notify = (): void => undefined;
  const ended = (async () => {
    for await (const recorded of subscription) {
      if (recorded.streamName === stream) received.push(recorded);
      notify();
    }
  })();
  // A failed iteration surfaces where a test awaits `ended` or times out in `waitFor`, not as a crash.
  ended.catch(() => undefined);
  const waitFor = (count: number): Promise<void> =>
    withTimeout(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (received.length >= count) resolve();
        };
        notify = check;
        check();
      }),
      `${count} events`,
    );
  return { subscription, received, ended, waitFor };
}

export async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
