import { type RegisterCallbackInput } from '#domain';
import { type EventStore, openSqliteEventStore } from '#event-store';
import type { CommandContext } from '#kernel';
import { PasswordHasher, cheapScryptForTests } from '#infra';
import { ManualClock } from '#runtime';
import { Aggregates } from './aggregates.js';

/**
 * What a use-case spec runs on: a real (in-memory SQLite) event store, a clock the spec moves, and the
 * aggregates bound over them. Specs check what the caller gets back and what the streams then hold.
 */
export function useCaseFixture(observers: ConstructorParameters<typeof Aggregates>[2] = []) {
  const eventStore: EventStore = openSqliteEventStore(':memory:');
  const clock = new ManualClock(new Date('2026-11-20T01:00:00.000Z'));
  const aggregates = new Aggregates(eventStore, clock, observers);
  return {
    eventStore,
    clock,
    aggregates,
    /** Cheap scrypt: specs hash many passwords. */
    hasher: new PasswordHasher(cheapScryptForTests),
    issuedBy(expectedVersion: number | null = null, roles: string[] = ['agent']): CommandContext {
      return { actor: { id: 'acc-1', name: '佐藤', roles }, correlationId: 'spec', expectedVersion };
    },
    close: () => eventStore.close(),
  };
}

let sequence = 0;
/** A valid registration; every call gets its own requestId unless one is given. */
export function registrationInput(overrides: Partial<RegisterCallbackInput> = {}): RegisterCallbackInput {
  sequence += 1;
  return {
    requestId: `spec-call-${sequence}`,
    receivedAt: '2026-11-20T00:30:00.000Z',
    callCenter: '東京コールセンター',
    businessLabel: '製品サポート',
    callerNumber: '03-1234-5678',
    ourNumber: '0120-000-111',
    ...overrides,
  };
}
