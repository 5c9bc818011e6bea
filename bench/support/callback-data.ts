import type { CallbackRegisteredData } from '#domain';
import { callbackIdFor, streamNames } from '#domain';
import type { EventData, EventMetadata, RecordedEvent } from '#event-store';

/** Deterministic data (same numbers every run) shaped like a Japanese call center's callback list. */
export const callCenters = [
  '東京第一コールセンター',
  '東京第二コールセンター',
  '大阪サポートセンター',
  '名古屋センター',
  '札幌センター',
  '仙台センター',
  '福岡カスタマーセンター',
  '広島センター',
  '那覇センター',
  '横浜センター',
];
export const businessLabels = Array.from(
  { length: 20 },
  (_, i) => `業務${String(i + 1).padStart(2, '0')} 製品サポート`,
);
export const agents = Array.from({ length: 300 }, (_, i) => `オペレーター${String(i + 1).padStart(3, '0')}`);
export const ourNumbers = Array.from({ length: 20 }, (_, i) => `0120${String(100000 + i * 7919).slice(-6)}`);

/** Park–Miller: cheap, seedable, good enough for spreading values. */
export class BenchRandom {
  constructor(private state = 20261124) {}
  next(): number {
    this.state = (this.state * 48271) % 2147483647;
    return this.state / 2147483647;
  }
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

export const benchActor = { id: 'bench', name: 'bench', roles: ['admin'] };

export function metadata(occurredAt: string): EventMetadata {
  return { actor: benchActor, occurredAt, correlationId: 'bench', causationId: null, schemaVersion: 1 };
}

export interface SeedCallback {
  index: number;
  callbackId: string;
  data: CallbackRegisteredData;
  /** Null: left unassigned. */
  agent: string | null;
  complete: boolean;
}

/**
 * The i-th of `count` callbacks registered evenly between `fromMs` and `toMs`. 60 % get an agent, half
 * of those are complete; 6 % withheld numbers; caller numbers from a pool of 200,000.
 */
export function seedCallback(
  index: number,
  count: number,
  fromMs: number,
  toMs: number,
  prefix = 'bench',
): SeedCallback {
  const random = new BenchRandom(1 + ((index * 2654435761) % 2147483646));
  random.next();
  const registered = fromMs + Math.floor(((toMs - fromMs) * index) / count);
  const requestId = `${prefix}-${index}`;
  const callbackId = callbackIdFor(requestId);
  const callerPool = random.int(200_000);
  const withheld = random.next() < 0.06;
  const assigned = random.next() < 0.6;
  return {
    index,
    callbackId,
    data: {
      callbackId,
      requestId,
      receivedAt: new Date(registered - random.int(120_000)).toISOString(),
      registeredAt: new Date(registered).toISOString(),
      callCenter: random.pick(callCenters),
      businessLabel: random.next() < 0.1 ? null : random.pick(businessLabels),
      callerNumber: withheld ? null : `090${String(10_000_000 + callerPool * 397).slice(-8)}`,
      ourNumber: random.pick(ourNumbers),
      recordingId: null,
      registeredAtGiven: true,
    },
    agent: assigned ? random.pick(agents) : null,
    complete: assigned && random.next() < 0.5,
  };
}

/** The callback's events as appended by the command side: registration, then assignment and completion. */
export function callbackEvents(callback: SeedCallback): EventData[] {
  const at = callback.data.registeredAt;
  const events: EventData[] = [{ type: 'CallbackRegistered', data: callback.data, metadata: metadata(at) }];
  if (callback.agent !== null) {
    events.push({
      type: 'AgentAssigned',
      data: { callbackId: callback.callbackId, agent: callback.agent },
      metadata: metadata(at),
    });
  }
  if (callback.complete) {
    events.push({
      type: 'CallbackCompleted',
      data: { callbackId: callback.callbackId, completedAt: at },
      metadata: metadata(at),
    });
  }
  return events;
}

/** The same events as the projector would read them, with made-up positions (for `applyEvents` seeding). */
export function recordedCallbackEvents(callback: SeedCallback, firstPosition: bigint): RecordedEvent[] {
  return callbackEvents(callback).map((event, revision) => ({
    ...event,
    id: `${callback.callbackId}-${revision}`,
    streamName: streamNames.callback(callback.callbackId),
    revision,
    position: firstPosition + BigInt(revision),
    recordedAt: new Date(callback.data.registeredAt),
  }));
}
