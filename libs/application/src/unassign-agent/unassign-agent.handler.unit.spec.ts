import { afterAll, describe, expect, it } from '@jest/globals';
import { AssignAgentCommand } from '../assign-agent/assign-agent.command.js';
import { AssignAgentHandler } from '../assign-agent/assign-agent.handler.js';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { UnassignAgentCommand } from './unassign-agent.command.js';
import { UnassignAgentHandler } from './unassign-agent.handler.js';

describe('unassign-agent', () => {
  const f = useCaseFixture();
  const handler = new UnassignAgentHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('removes the agent', async () => {
    const id = await registeredCallback(f);
    await new AssignAgentHandler(f.aggregates, f.clock).execute(new AssignAgentCommand(id, '山田', f.issuedBy()));
    expect(await handler.execute(new UnassignAgentCommand(id, f.issuedBy()))).toEqual({ id, version: 2 });
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ agent: null });
  });

  it('changes nothing on a callback without an agent (same version)', async () => {
    const id = await registeredCallback(f);
    expect(await handler.execute(new UnassignAgentCommand(id, f.issuedBy()))).toEqual({ id, version: 0 });
  });
});
