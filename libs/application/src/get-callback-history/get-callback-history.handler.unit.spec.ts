import { afterAll, describe, expect, it } from '@jest/globals';
import { EditMemoCommand } from '../edit-memo/edit-memo.command.js';
import { EditMemoHandler } from '../edit-memo/edit-memo.handler.js';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { GetCallbackHistoryHandler } from './get-callback-history.handler.js';
import { GetCallbackHistoryQuery } from './get-callback-history.query.js';

describe('get-callback-history', () => {
  const f = useCaseFixture();
  const handler = new GetCallbackHistoryHandler(f.eventStore);
  afterAll(() => f.close());

  it('lists every change oldest first with its version, actor and data', async () => {
    const id = await registeredCallback(f);
    await new EditMemoHandler(f.aggregates, f.clock).execute(new EditMemoCommand(id, '折り返し不要', f.issuedBy()));
    const history = await handler.execute(new GetCallbackHistoryQuery(id));
    expect(history.id).toBe(id);
    expect(history.events.map((e) => [e.type, e.version, e.actor.name])).toEqual([
      ['CallbackRegistered', 0, '佐藤'],
      ['MemoEdited', 1, '佐藤'],
    ]);
    expect(history.events[1].data).toMatchObject({ memo: '折り返し不要' });
  });

  it('is NOT_FOUND for a callback with no events', async () => {
    await expect(handler.execute(new GetCallbackHistoryQuery('nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
