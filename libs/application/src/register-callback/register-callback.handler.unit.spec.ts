import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { DomainError, callbackIdFor } from '#domain';
import { registrationInput, useCaseFixture } from '../shared/use-case.fixture.js';
import { RegisterCallbackCommand } from './register-callback.command.js';
import { RegisterCallbackHandler } from './register-callback.handler.js';

describe('register-callback', () => {
  const f = useCaseFixture();
  const handler = new RegisterCallbackHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('registers a callback under the id derived from its requestId, at version 0', async () => {
    const input = registrationInput();
    const result = await handler.execute(new RegisterCallbackCommand(input, f.issuedBy()));
    expect(result).toEqual({ id: callbackIdFor(input.requestId), version: 0, created: true });
    const { state } = await f.aggregates.callbacks.load(result.id);
    expect(state).toMatchObject({
      status: 'incomplete',
      agent: null,
      registration: { callCenter: '東京コールセンター' },
    });
  });

  it('answers a retry of the same call with the same id and changes nothing', async () => {
    const input = registrationInput();
    const first = await handler.execute(new RegisterCallbackCommand(input, f.issuedBy()));
    const retry = await handler.execute(new RegisterCallbackCommand(input, f.issuedBy()));
    expect(retry).toEqual({ ...first, created: false });
    expect(await f.eventStore.readStream(`callback-${first.id}`)).toHaveLength(1);
  });

  it('refuses the same requestId with other data', async () => {
    const input = registrationInput();
    await handler.execute(new RegisterCallbackCommand(input, f.issuedBy()));
    await expect(
      handler.execute(new RegisterCallbackCommand({ ...input, callCenter: '大阪' }, f.issuedBy())),
    ).rejects.toMatchObject({ code: 'DUPLICATE_REQUEST' });
  });

  it('refuses an invalid registration with field errors', async () => {
    const error = await handler
      .execute(new RegisterCallbackCommand(registrationInput({ ourNumber: 'not a number' }), f.issuedBy()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors.map((e) => e.field)).toContain('ourNumber');
  });

  it('answers a requestId whose callback was deleted with DUPLICATE_REQUEST at once, without retrying', async () => {
    const input = registrationInput();
    const first = await handler.execute(new RegisterCallbackCommand(input, f.issuedBy()));
    await f.eventStore.deleteStream(`callback-${first.id}`);
    const append = jest.spyOn(f.eventStore, 'appendToStream');
    try {
      await expect(handler.execute(new RegisterCallbackCommand(input, f.issuedBy()))).rejects.toMatchObject({
        code: 'DUPLICATE_REQUEST',
      });
      expect(append).toHaveBeenCalledTimes(1);
    } finally {
      append.mockRestore();
    }
  });
});
