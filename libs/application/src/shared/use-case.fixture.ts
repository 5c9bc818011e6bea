import { randomBytes } from 'node:crypto';
import { type RegisterCallbackInput } from '#domain';
import { type EventStore, openSqliteEventStore } from '#event-store';
import { type CommandContext, withPersonalData } from '#kernel';
import { PasswordHasher, cheapScryptForTests, openSqliteKeyStore } from '#infra';
import { ManualClock } from '#runtime';
import { Aggregates } from './aggregates.js';

/**
 * What a use-case spec runs on: a real (in-memory SQLite) event store, a clock the spec moves, and the
 * aggregates bound over them. Specs check what the caller gets back and what the streams then hold. With
 * `personalData`, the store encrypts personal fields as the product's does, and `rawEventStore` shows
 * what is stored.
 */
export function useCaseFixture(
  observers: ConstructorParameters<typeof Aggregates>[2] = [],
  options: { personalData?: boolean } = {},
) {
  const rawEventStore: EventStore = openSqliteEventStore(':memory:');
  const eventStore: EventStore = options.personalData
    ? withPersonalData(rawEventStore, { keyStore: openSqliteKeyStore(':memory:'), masterKey: randomBytes(32) })
    : rawEventStore;
  const clock = new ManualClock(new Date('2026-11-20T01:00:00.000Z'));
  const aggregates = new Aggregates(eventStore, clock, observers);
  return {
    eventStore,
    rawEventStore,
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
