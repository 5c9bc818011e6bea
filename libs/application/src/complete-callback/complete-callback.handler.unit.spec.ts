import { afterAll, describe, expect, it, jest } from '@jest/globals';
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

  it('answers NOT_FOUND at once when retention deletes the callback between the read and the append', async () => {
    const id = await registeredCallback(f);
    const read = f.eventStore.readStream.bind(f.eventStore);
    const readStream = jest.spyOn(f.eventStore, 'readStream').mockImplementation(async (name) => {
      const events = await read(name);
      await f.eventStore.deleteStream(name); // the sweeper wins the race
      return events;
    });
    try {
      await expect(handler.execute(new CompleteCallbackCommand(id, f.issuedBy()))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(readStream).toHaveBeenCalledTimes(1);
    } finally {
      readStream.mockRestore();
    }
  });
});
