import {
  type AsyncSearchCommand,
  type AsyncSearchEvent,
  type AsyncSearchState,
  type CallbackColumn,
  type Decider,
  asyncSearchDecider,
} from '#domain';

/**
 * The async-search decider, with the owner's list columns at request time added to AsyncSearchRequested
 * as `narrowingColumns`: narrowing (`q`) matches in the columns the owner sees, as GET /callbacks does,
 * even if they change their columns before the worker runs. The domain event has no field for it, so
 * it travels as extra data that `evolve` and the list projection ignore and the export worker reads.
 */
export function asyncSearchDeciderRecordingColumns(
  columns: readonly CallbackColumn[],
): Decider<AsyncSearchCommand, AsyncSearchEvent, AsyncSearchState> {
  return {
    ...asyncSearchDecider,
    decide: (command, state) =>
      asyncSearchDecider
        .decide(command, state)
        .map((event) =>
          event.type === 'AsyncSearchRequested'
            ? ({ ...event, data: { ...event.data, narrowingColumns: [...columns] } } as AsyncSearchEvent)
            : event,
        ),
  };
}
