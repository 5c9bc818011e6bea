import { type CallbackEvent, assertNever, callbackEventTypes } from '#domain';
import type { RecordedEvent } from '#event-store';
import { displayDay } from '../display-time.js';
import { callbackKeyOf } from './callback-view.projection.js';
import { type Projection, eventOf } from './projection.js';

/**
 * One statistics row per callback; `GET /stats/callbacks` aggregates them at query time over indexed
 * `registeredAt`, so any period and grouping is answered exactly (percentiles included) without a
 * pre-aggregated table per grouping to keep consistent.
 */
export interface CallbackStatsRow {
  callbackId: string;
  registeredAt: string;
  /** Calendar day of `registeredAt` in the display time zone (zone fixed when the row is written). */
  day: string;
  callCenter: string;
  businessLabel: string | null;
  agent: string | null;
  status: 'incomplete' | 'complete';
  /** Registration to completion, in seconds; null while incomplete. */
  secondsToComplete: number | null;
}

export function createCallbackStatsProjection(timeZone: string): Projection<CallbackStatsRow, 'callbackStats'> {
  function evolve(row: CallbackStatsRow | null, recorded: RecordedEvent): CallbackStatsRow | null {
    const event = eventOf<CallbackEvent>(recorded);
    if (event.type === 'CallbackRegistered') {
      const registeredAt = new Date(event.data.registeredAt).toISOString();
      return {
        callbackId: event.data.callbackId,
        registeredAt,
        day: displayDay(registeredAt, timeZone),
        callCenter: event.data.callCenter,
        businessLabel: event.data.businessLabel,
        agent: null,
        status: 'incomplete',
        secondsToComplete: null,
      };
    }
    if (row === null) return null;
    switch (event.type) {
      case 'AgentAssigned':
        return { ...row, agent: event.data.agent };
      case 'AgentUnassigned':
        return { ...row, agent: null };
      case 'CallbackCompleted': {
        const seconds = (Date.parse(event.data.completedAt) - Date.parse(row.registeredAt)) / 1000;
        // A backfilled registration can postdate nothing, but clocks can: never report negative durations.
        return { ...row, status: 'complete', secondsToComplete: Math.max(0, seconds) };
      }
      case 'CallbackReopened':
        return { ...row, status: 'incomplete', secondsToComplete: null };
      case 'MemoEdited':
      case 'RecordingLinked':
      case 'RecordingExpired':
        return row;
      default:
        return assertNever(event);
    }
  }
  return {
    name: 'callbackStats',
    version: 1,
    handles: callbackEventTypes,
    keyOf: callbackKeyOf,
    evolve,
    registeredAtOf: (row) => row.registeredAt,
  };
}
