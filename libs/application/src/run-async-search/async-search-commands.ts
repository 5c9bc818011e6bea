import {
  type AsyncSearchCommand,
  type AsyncSearchEvent,
  type AsyncSearchState,
  asyncSearchDecider,
  streamNames,
} from '#domain';
import type { Actor, EventStore } from '#event-store';
import { AggregateRunner, type CommandObserver } from '#kernel';
import type { Clock } from '#runtime';

/** Who the worker's events are attributed to in the history. */
export const exportWorkerActor: Actor = { id: 'system:export-worker', name: 'export worker', roles: [] };

/**
 * The worker's side of the async-search aggregate, through the kernel's runner like every command
 * (read → fold → decide → append with the revision read; lost races decided again).
 */
export class AsyncSearchCommands {
  private readonly runner: AggregateRunner<AsyncSearchCommand, AsyncSearchEvent, AsyncSearchState>;

  constructor(
    eventStore: EventStore,
    private readonly clock: Clock,
    observers: readonly CommandObserver[] = [],
  ) {
    this.runner = new AggregateRunner(
      { eventStore, now: () => clock.now(), observers },
      asyncSearchDecider,
      streamNames.asyncSearch,
    );
  }

  now(): Date {
    return this.clock.now();
  }

  async load(asyncSearchId: string): Promise<AsyncSearchState> {
    return (await this.runner.load(asyncSearchId)).state;
  }

  async run(asyncSearchId: string, command: AsyncSearchCommand, correlationId: string): Promise<AsyncSearchState> {
    const outcome = await this.runner.run(asyncSearchId, command, { actor: exportWorkerActor, correlationId });
    return outcome.state;
  }
}
