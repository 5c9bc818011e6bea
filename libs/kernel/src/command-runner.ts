import { type Decider, DomainError, fold } from '#domain';
import { type EventStore, type RecordedEvent, StreamDeletedError, WrongExpectedRevisionError } from '#event-store';
import { type CommandContext, toEventData } from './event-metadata.js';

export interface CommandOutcome<State> {
  /** Revision of the stream's last event after the command (-1 would mean no stream; never returned). */
  version: number;
  appended: number;
  state: State;
}

/** Told about each command's outcome and every stream it touched (metrics, the account cache). */
export interface CommandObserver {
  commandFinished?(commandType: string, outcome: 'appended' | 'unchanged' | 'conflict' | 'rejected' | 'failed'): void;
  /** After every append and every lost race: whatever is cached about this stream may be stale. */
  streamChanged?(streamName: string): void;
}

export interface CommandRunnerDependencies {
  /** Already upcasting (see `withUpcasting`): the runner folds what it reads as it comes. */
  eventStore: EventStore;
  now(): Date;
  observers?: readonly CommandObserver[];
}

/** A command met a stream deleted by retention or erasure (a tombstone): NOT_FOUND, never retried. */
export class StreamGoneError extends DomainError {
  constructor(readonly streamName: string) {
    super('NOT_FOUND', `${streamName} was deleted (retention or erasure request)`);
    this.name = 'StreamGoneError';
  }
}

/** How often a command without an expected version is re-decided after losing a race. */
const maxAttempts = 10;

/**
 * An aggregate's decider bound once to its stream names: the generic read → fold → decide → append with
 * the revision read. A lost race is decided again on the new state unless the client pinned a version,
 * in which case it is a WrongExpectedRevisionError (409 VERSION_CONFLICT over HTTP). A decision with no
 * events appends nothing.
 */
export class AggregateRunner<Command extends { type: string }, Event extends { type: string; data: unknown }, State> {
  constructor(
    private readonly dependencies: CommandRunnerDependencies,
    private readonly decider: Decider<Command, Event, State>,
    private readonly streamName: (id: string) => string,
  ) {}

  /** The aggregate's current state and revision (null when the stream does not exist). */
  async load(id: string): Promise<{ state: State; version: number | null; events: readonly Event[] }> {
    const recorded = await this.dependencies.eventStore.readStream(this.streamName(id));
    const events = recorded as unknown as readonly Event[];
    return { state: fold(this.decider, events), version: lastRevision(recorded), events };
  }

  async run(id: string, command: Command, context: CommandContext): Promise<CommandOutcome<State>> {
    const observers = this.dependencies.observers ?? [];
    try {
      const outcome = await this.decideAndAppend(this.streamName(id), command, context);
      for (const o of observers) o.commandFinished?.(command.type, outcome.appended > 0 ? 'appended' : 'unchanged');
      return outcome;
    } catch (error) {
      const outcome =
        error instanceof WrongExpectedRevisionError ? 'conflict' : error instanceof DomainError ? 'rejected' : 'failed';
      for (const o of observers) o.commandFinished?.(command.type, outcome);
      throw error;
    }
  }

  private async decideAndAppend(streamName: string, command: Command, context: CommandContext) {
    const { eventStore, observers = [] } = this.dependencies;
    const { expectedVersion } = context;
    for (let attempt = 1; ; attempt++) {
      const recorded = await eventStore.readStream(streamName);
      const current = lastRevision(recorded);
      // A missing stream is left to `decide`, which knows whether the command creates it or is NOT_FOUND.
      if (expectedVersion != null && current !== null && expectedVersion !== current) {
        throw new WrongExpectedRevisionError(streamName, expectedVersion, current ?? 'no_stream');
      }
      const state = fold(this.decider, recorded as unknown as readonly Event[]);
      const events = this.decider.decide(command, state);
      if (events.length === 0) return { version: current ?? -1, appended: 0, state };
      try {
        const result = await eventStore.appendToStream(
          streamName,
          toEventData(events, context, this.dependencies.now()),
          { expectedRevision: current ?? 'no_stream' },
        );
        for (const o of observers) o.streamChanged?.(streamName);
        return {
          version: result.nextRevision,
          appended: events.length,
          state: events.reduce(this.decider.evolve, state),
        };
      } catch (error) {
        for (const o of observers) o.streamChanged?.(streamName);
        // A stream deleted by retention or erasure stays deleted: deciding again cannot change that.
        if (error instanceof StreamDeletedError) throw new StreamGoneError(streamName);
        const retry = error instanceof WrongExpectedRevisionError && expectedVersion == null && attempt < maxAttempts;
        if (!retry) throw error;
      }
    }
  }
}

function lastRevision(recorded: readonly RecordedEvent[]): number | null {
  return recorded.length === 0 ? null : recorded[recorded.length - 1].revision;
}
