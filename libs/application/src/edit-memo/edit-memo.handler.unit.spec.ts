import { afterAll, describe, expect, it } from '@jest/globals';
import { registeredCallback } from '../shared/registered-callback.fixture.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { EditMemoCommand } from './edit-memo.command.js';
import { EditMemoHandler } from './edit-memo.handler.js';

describe('edit-memo', () => {
  const f = useCaseFixture();
  const handler = new EditMemoHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('replaces the memo, and "" clears it', async () => {
    const id = await registeredCallback(f);
    await handler.execute(new EditMemoCommand(id, '午後に再度', f.issuedBy()));
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ memo: '午後に再度' });
    expect(await handler.execute(new EditMemoCommand(id, '', f.issuedBy()))).toEqual({ id, version: 2 });
    expect((await f.aggregates.callbacks.load(id)).state).toMatchObject({ memo: null });
  });

  it('refuses a memo over 1,000 characters', async () => {
    const id = await registeredCallback(f);
    await expect(handler.execute(new EditMemoCommand(id, 'あ'.repeat(1001), f.issuedBy()))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
