import type { Decider } from './decider.js';
import { fold } from './decider.js';
import { DomainError, type DomainErrorCode } from './domain-error.js';

/**
 * Given/When/Then for deciders, free of any test framework: a failed expectation throws a plain Error,
 * which every runner reports as a failure.
 *
 *   given(callbackDecider, [registered]).when(assign).then([assigned]);
 *   given(callbackDecider, []).when(assign).thenThrows('NOT_FOUND');
 */
export function given<C, E, S>(decider: Decider<C, E, S>, events: readonly E[] = []) {
  return {
    when(command: C) {
      return new Outcome(decider, events, command);
    },
  };
}

export class Outcome<C, E, S> {
  constructor(
    private readonly decider: Decider<C, E, S>,
    private readonly history: readonly E[],
    private readonly command: C,
  ) {}

  /** The events `decide` returned, or the error it threw. */
  run(): { events: E[] } | { error: unknown } {
    try {
      return { events: this.decider.decide(this.command, fold(this.decider, this.history)) };
    } catch (error) {
      return { error };
    }
  }

  /** Expects exactly these events; returns the state after the history and them, for further checks. */
  then(expected: readonly E[]): S {
    const outcome = this.run();
    if ('error' in outcome)
      throw new Error(`expected events ${show(expected)} but decide threw ${show(outcome.error)}`);
    if (!deepEqual(outcome.events, expected)) {
      throw new Error(`expected events ${show(expected)}\n     but got ${show(outcome.events)}`);
    }
    return fold(this.decider, [...this.history, ...outcome.events]);
  }

  /** Expects a DomainError with this code and, when given, exactly these field names (in any order). */
  thenThrows(code: DomainErrorCode, fields?: readonly string[]): DomainError {
    const outcome = this.run();
    if (!('error' in outcome)) throw new Error(`expected ${code} but decide returned ${show(outcome.events)}`);
    return expectDomainError(outcome.error, code, fields);
  }
}

/** Checks that `error` is a DomainError with the code (and field names); returns it for further checks. */
export function expectDomainError(error: unknown, code: DomainErrorCode, fields?: readonly string[]): DomainError {
  if (!(error instanceof DomainError)) throw new Error(`expected DomainError ${code} but got ${show(error)}`);
  if (error.code !== code) throw new Error(`expected ${code} but got ${error.code}: ${error.message}`);
  if (fields !== undefined) {
    const actual = error.fieldErrors.map((e) => e.field).sort();
    if (!deepEqual(actual, [...fields].sort())) {
      throw new Error(`expected errors on ${show([...fields].sort())} but got ${show(error.fieldErrors)}`);
    }
  }
  return error;
}

/** Runs `action`, expecting a DomainError; see `expectDomainError`. */
export function expectThrows(action: () => unknown, code: DomainErrorCode, fields?: readonly string[]): DomainError {
  try {
    action();
  } catch (error) {
    return expectDomainError(error, code, fields);
  }
  throw new Error(`expected ${code} but nothing was thrown`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return JSON.stringify(value);
}
