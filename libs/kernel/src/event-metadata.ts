import type { Actor, EventData, EventMetadata } from '#event-store';

/** Who sent a command and why: everything an appended event records besides its data. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** Set when the client asked for optimistic concurrency (If-Match / expectedVersion). */
  expectedVersion?: number | null;
}

/** The schema version every event is written at today; upcasters lift older shapes to it on read. */
export const currentSchemaVersion = 1;

/** The one place event metadata is built. */
export function eventMetadata(context: CommandContext, occurredAt: Date): EventMetadata {
  return {
    actor: context.actor,
    occurredAt: occurredAt.toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    schemaVersion: currentSchemaVersion,
  };
}

/** Domain events ready to append, stamped with the same metadata. */
export function toEventData(
  events: readonly { type: string; data: unknown }[],
  context: CommandContext,
  occurredAt: Date,
): EventData[] {
  const metadata = eventMetadata(context, occurredAt);
  return events.map((event) => ({ type: event.type, data: event.data, metadata }));
}
