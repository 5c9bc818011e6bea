import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type Decider, fold } from '#domain';
import { type Actor, EVENT_STORE, type EventStore, WrongExpectedRevisionError, type RecordedEvent } from '#event-store';
import { CLOCK, type Clock, METRICS, type Metrics, upcast } from '#runtime';
import { AccountDirectory } from '../auth/account-directory.js';

export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** Set when the client asked for optimistic concurrency (If-Match / expectedVersion). */
  expectedVersion?: number | null;
}

export interface CommandOutcome<State> {
  /** Revision of the stream's last event after the command (-1 would mean no stream; never returned). */
  version: number;
  appended: number;
  state: State;
}

type AnyDecider = Decider<unknown, { type: string; data: unknown }, unknown>;

/** Asks the one generic handler to run `command` against the aggregate in `streamName`. */
export class RunAggregateCommand<Command, Event extends { type: string; data: unknown }, State> {
  constructor(
    readonly streamName: string,
    readonly decider: Decider<Command, Event, State>,
    readonly command: Command,
    readonly context: CommandContext,
  ) {}
}

/** How often a command without an expected version is re-decided after losing a race. */
const maxAttempts = 10;

/**
 * The generic command handler: read the stream → fold `evolve` → `decide` → append with the revision read.
 * A lost race is decided again on the new state unless the client pinned a version, in which case it is a
 * VERSION_CONFLICT (mapped to 409 by the problem filter). A decision with no events appends nothing.
 */
@CommandHandler(RunAggregateCommand)
export class RunAggregateCommandHandler implements ICommandHandler<
  RunAggregateCommand<unknown, { type: string; data: unknown }, unknown>
> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(METRICS) private readonly metrics: Metrics | null = null,
    /** Told about every append (and every lost race) so cached accounts never outlive a change made here. */
    @Optional() @Inject(AccountDirectory) private readonly accounts: AccountDirectory | null = null,
  ) {}

  async execute(
    run: RunAggregateCommand<unknown, { type: string; data: unknown }, unknown>,
  ): Promise<CommandOutcome<unknown>> {
    const type = (run.command as { type?: string }).type ?? 'unknown';
    try {
      const outcome = await this.decideAndAppend(run);
      this.metrics?.commands.inc({ type, outcome: outcome.appended > 0 ? 'appended' : 'unchanged' });
      return outcome;
    } catch (error) {
      const outcome =
        error instanceof WrongExpectedRevisionError ? 'conflict' : error instanceof DomainError ? 'rejected' : 'failed';
      this.metrics?.commands.inc({ type, outcome });
      throw error;
    }
  }

  private async decideAndAppend(
    run: RunAggregateCommand<unknown, { type: string; data: unknown }, unknown>,
  ): Promise<CommandOutcome<unknown>> {
    const decider = run.decider as AnyDecider;
    const { expectedVersion } = run.context;
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.eventStore.readStream(run.streamName);
      const current = lastRevision(recorded);
      // A missing stream is left to `decide`, which knows whether the command creates it or is NOT_FOUND.
      if (expectedVersion != null && current !== null && expectedVersion !== current) {
        throw new WrongExpectedRevisionError(run.streamName, expectedVersion, current ?? 'no_stream');
      }
      const state = fold(decider, recorded.map(upcast));
      const events = decider.decide(run.command, state);
      if (events.length === 0) return { version: current ?? -1, appended: 0, state };
      try {
        const result = await this.eventStore.appendToStream(
          run.streamName,
          events.map((event) => ({
            type: event.type,
            data: event.data,
            metadata: {
              actor: run.context.actor,
              occurredAt: this.clock.now().toISOString(),
              correlationId: run.context.correlationId,
              causationId: run.context.causationId ?? null,
              schemaVersion: 1,
            },
          })),
          { expectedRevision: current ?? 'no_stream' },
        );
        this.accounts?.streamChanged(run.streamName);
        return { version: result.nextRevision, appended: events.length, state: events.reduce(decider.evolve, state) };
      } catch (error) {
        // Lost a race (or failed half-way): whatever is cached about this stream may be stale.
        this.accounts?.streamChanged(run.streamName);
        const retry = error instanceof WrongExpectedRevisionError && expectedVersion == null && attempt < maxAttempts;
        if (!retry) throw error;
      }
    }
  }
}

function lastRevision(recorded: readonly RecordedEvent[]): number | null {
  return recorded.length === 0 ? null : recorded[recorded.length - 1].revision;
}
