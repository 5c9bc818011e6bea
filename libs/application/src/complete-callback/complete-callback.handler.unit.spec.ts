import { afterAll, describe, expect, it } from '@jest/globals';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { CompleteCallbackCommand } from './complete-callback.command.js';
import { CompleteCallbackHandler } from './complete-callback.handler.js';

describe('complete-callback', () => {
  const f = useCaseFixture();
  const handler = new CompleteCallbackHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('marks the callback complete at the time of the command', async () => {
    const id = await registeredCallback(f);
    expect(await handler.execute(new CompleteCallbackCommand(id, f.issuedBy()))).toEqual({ id, version: 1 });
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({
      status: 'complete',
      completedAt: f.clock.now().toISOString(),
    });
  });
});
