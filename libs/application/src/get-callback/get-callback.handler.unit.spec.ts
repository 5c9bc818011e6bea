import { afterAll, describe, expect, it } from '@jest/globals';
import { AssignAgentCommand } from '../assign-agent/assign-agent.command.js';
import { AssignAgentHandler } from '../assign-agent/assign-agent.handler.js';
import { callbackRow, callbackSearchOver } from '../shared/callback-search.fixture.js';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { GetCallbackHandler } from './get-callback.handler.js';
import { GetCallbackQuery } from './get-callback.query.js';

describe('get-callback', () => {
  const f = useCaseFixture();
  afterAll(() => f.close());

  it('answers the view with who changed it last and when', async () => {
    const id = await registeredCallback(f);
    f.clock.advance(60_000);
    await new AssignAgentHandler(f.aggregates, f.clock).execute(new AssignAgentCommand(id, '山田', f.issuedBy()));
    const handler = new GetCallbackHandler(callbackSearchOver([callbackRow(id, { agent: '山田' })]), f.eventStore);
    expect(await handler.execute(new GetCallbackQuery(id))).toMatchObject({
      id,
      agent: '山田',
      history: { events: 2, lastChangedAt: f.clock.now().toISOString(), lastChangedBy: '佐藤' },
    });
  });

  it('is NOT_FOUND when the view has no such callback', async () => {
    const handler = new GetCallbackHandler(callbackSearchOver([]), f.eventStore);
    await expect(handler.execute(new GetCallbackQuery('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
