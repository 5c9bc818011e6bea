import {
  type AsyncSearchCommand,
  type AsyncSearchEvent,
  type AsyncSearchState,
  type CallbackColumn,
  asyncSearchDecider,
  fold,
  streamNames,
} from '#domain';
import type { Actor, EventStore } from '#event-store';
import { type Clock, upcast } from '#runtime';
import {
  RunAggregateCommand,
  RunAggregateCommandHandler,
} from '../../command-api/src/commands/run-aggregate-command.js';

/** Who the worker's events are attributed to in the history. */
export const exportWorkerActor: Actor = { id: 'system:export-worker', name: 'export worker', roles: [] };

export interface LoadedAsyncSearch {
  state: AsyncSearchState;
  /** The owner's list columns when they asked (narrowing uses them), if the request recorded them. */
  narrowingColumns: CallbackColumn[] | undefined;
}

/**
 * The worker's side of the async-search aggregate, through the same generic handler the API uses
 * (read → fold → decide → append with the revision read; lost races decided again).
 */
export class AsyncSearchCommands {
  private readonly handler: RunAggregateCommandHandler;

  constructor(
    private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {
    this.handler = new RunAggregateCommandHandler(eventStore, clock);
  }

  now(): Date {
    return this.clock.now();
  }

  async load(asyncSearchId: string): Promise<LoadedAsyncSearch> {
    const recorded = await this.eventStore.readStream(streamNames.asyncSearch(asyncSearchId));
    const state = fold(asyncSearchDecider, recorded.map(upcast) as AsyncSearchEvent[]);
    // The API adds `narrowingColumns` to the request's data (the domain event has no field for it).
    const requested = recorded.find((event) => event.type === 'AsyncSearchRequested');
    const columns = (requested?.data as { narrowingColumns?: CallbackColumn[] } | undefined)?.narrowingColumns;
    return { state, narrowingColumns: Array.isArray(columns) ? columns : undefined };
  }

  async run(asyncSearchId: string, command: AsyncSearchCommand, correlationId: string): Promise<AsyncSearchState> {
    const outcome = await this.handler.execute(
      new RunAggregateCommand(streamNames.asyncSearch(asyncSearchId), asyncSearchDecider, command, {
        actor: exportWorkerActor,
        correlationId,
      }) as RunAggregateCommand<unknown, { type: string; data: unknown }, unknown>,
    );
    return outcome.state as AsyncSearchState;
  }
}
