import { afterAll, describe, expect, it } from '@jest/globals';
import { ChangeSettingsCommand } from '../change-settings/change-settings.command.js';
import { ChangeSettingsHandler } from '../change-settings/change-settings.handler.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { GetSettingsHandler } from './get-settings.handler.js';

describe('get-settings', () => {
  const f = useCaseFixture();
  const handler = new GetSettingsHandler(new SettingsReader(f.eventStore));
  afterAll(() => f.close());

  it('answers the defaults at version -1 until an administrator changes them, then the change', async () => {
    const defaults = await handler.execute();
    expect(defaults.version).toBe(-1);
    await new ChangeSettingsHandler(f.aggregates, f.clock).execute(
      new ChangeSettingsCommand({ searchCap: 1234 }, f.issuedBy(null, ['admin'])),
    );
    expect(await handler.execute()).toEqual({ settings: { ...defaults.settings, searchCap: 1234 }, version: 0 });
  });
});
