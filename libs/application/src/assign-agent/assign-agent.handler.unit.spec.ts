import { afterAll, describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '#event-store';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { AssignAgentCommand } from './assign-agent.command.js';
import { AssignAgentHandler } from './assign-agent.handler.js';

describe('assign-agent', () => {
  const f = useCaseFixture();
  const handler = new AssignAgentHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('assigns the agent and answers the new version', async () => {
    const id = await registeredCallback(f);
    expect(await handler.execute(new AssignAgentCommand(id, '山田', f.issuedBy()))).toEqual({ id, version: 1 });
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ agent: '山田' });
  });

  it('records who assigned and when in the event metadata', async () => {
    const id = await registeredCallback(f);
    await handler.execute(new AssignAgentCommand(id, '山田', f.issuedBy()));
    const [, assigned] = await f.eventStore.readStream(`callback-${id}`);
    expect(assigned.metadata).toMatchObject({ actor: { name: '佐藤' }, occurredAt: f.clock.now().toISOString() });
  });

  it('refuses a stale expected version and changes nothing', async () => {
    const id = await registeredCallback(f);
    await handler.execute(new AssignAgentCommand(id, '山田', f.issuedBy()));
    await expect(handler.execute(new AssignAgentCommand(id, '鈴木', f.issuedBy(0)))).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ agent: '山田' });
  });

  it('is NOT_FOUND for a callback that was never registered', async () => {
    await expect(
      handler.execute(new AssignAgentCommand('00000000-0000-4000-8000-000000000000', '山田', f.issuedBy())),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
