import { describe, expect, it } from '@jest/globals';
import type { Decider } from './decider.js';
import { given } from './decider.spec-helper.js';
import { DomainError } from './domain-error.js';
import { invalid } from './validation.js';

// A counter that refuses to go below zero: enough to show the helper fails when it should.
type Command = { type: 'Add'; by: number };
type Event = { type: 'Added'; data: { by: number } };
const counter: Decider<Command, Event, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (!Number.isInteger(command.by)) invalid('by', 'must be an integer');
    if (total + command.by < 0) throw new DomainError('INVALID_TRANSITION', 'below zero');
    return command.by === 0 ? [] : [{ type: 'Added', data: { by: command.by } }];
  },
};
const added = (by: number): Event => ({ type: 'Added', data: { by } });

describe('given/when/then', () => {
  it('passes on the expected events and returns the state after them', () => {
    expect(
      given(counter, [added(2)])
        .when({ type: 'Add', by: 3 })
        .then([added(3)]),
    ).toBe(5);
  });

  it('fails on other events, or when decide throws', () => {
    expect(() =>
      given(counter)
        .when({ type: 'Add', by: 3 })
        .then([added(4)]),
    ).toThrow(/expected events/);
    expect(() =>
      given(counter)
        .when({ type: 'Add', by: 0 })
        .then([added(0)]),
    ).toThrow(/but got \[\]/);
    expect(() => given(counter).when({ type: 'Add', by: -1 }).then([])).toThrow(/threw DomainError/);
  });

  it('checks the error code and the field names', () => {
    given(counter).when({ type: 'Add', by: -1 }).thenThrows('INVALID_TRANSITION');
    given(counter).when({ type: 'Add', by: 0.5 }).thenThrows('VALIDATION_FAILED', ['by']);
    expect(() => given(counter).when({ type: 'Add', by: -1 }).thenThrows('NOT_FOUND')).toThrow(/expected NOT_FOUND/);
    expect(() => given(counter).when({ type: 'Add', by: 0.5 }).thenThrows('VALIDATION_FAILED', ['other'])).toThrow(
      /expected errors on/,
    );
    expect(() => given(counter).when({ type: 'Add', by: 1 }).thenThrows('INVALID_TRANSITION')).toThrow(/returned/);
  });
});
