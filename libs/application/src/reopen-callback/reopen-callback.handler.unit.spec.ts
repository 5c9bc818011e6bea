import { afterAll, describe, expect, it } from '@jest/globals';
import { CompleteCallbackCommand } from '../complete-callback/complete-callback.command.js';
import { CompleteCallbackHandler } from '../complete-callback/complete-callback.handler.js';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ReopenCallbackCommand } from './reopen-callback.command.js';
import { ReopenCallbackHandler } from './reopen-callback.handler.js';

describe('reopen-callback', () => {
  const f = useCaseFixture();
  const handler = new ReopenCallbackHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('reopens a completed callback', async () => {
    const id = await registeredCallback(f);
    await new CompleteCallbackHandler(f.aggregates, f.clock).execute(new CompleteCallbackCommand(id, f.issuedBy()));
    expect(await handler.execute(new ReopenCallbackCommand(id, f.issuedBy()))).toEqual({ id, version: 2 });
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ status: 'incomplete', completedAt: null });
  });
});
