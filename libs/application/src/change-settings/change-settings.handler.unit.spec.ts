import { afterAll, describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '#event-store';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ChangeSettingsCommand } from './change-settings.command.js';
import { ChangeSettingsHandler } from './change-settings.handler.js';

describe('change-settings', () => {
  const f = useCaseFixture();
  const handler = new ChangeSettingsHandler(f.aggregates, f.clock);
  afterAll(() => f.close());

  it('changes the fields given and keeps the others', async () => {
    const before = (await f.aggregates.settings.load('system')).state;
    const result = await handler.execute(new ChangeSettingsCommand({ retentionDays: 30 }, f.issuedBy(null, ['admin'])));
    expect(result.version).toBe(0);
    expect(result.settings).toMatchObject({ retentionDays: 30, searchCap: before.searchCap });
  });

  it('refuses a change pinned to an old version', async () => {
    await expect(
      handler.execute(new ChangeSettingsCommand({ searchCap: 500 }, f.issuedBy(7, ['admin']))),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('refuses a retention that is not a positive number of days', async () => {
    await expect(
      handler.execute(new ChangeSettingsCommand({ retentionDays: -1 }, f.issuedBy(null, ['admin']))),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
