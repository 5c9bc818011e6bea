import { afterAll, describe, expect, it } from '@jest/globals';
import { ChangeSettingsCommand } from '../change-settings/change-settings.command.js';
import { ChangeSettingsHandler } from '../change-settings/change-settings.handler.js';
import { callbackRow, callbackSearchOver } from '../shared/callback-search.fixture.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { SearchCallbacksHandler } from './search-callbacks.handler.js';
import { SearchCallbacksQuery } from './search-callbacks.query.js';

describe('search-callbacks', () => {
  const f = useCaseFixture();
  afterAll(() => f.close());

  it("narrows in the caller's own columns under the search cap in force", async () => {
    await new ChangeSettingsHandler(f.aggregates, f.clock).execute(
      new ChangeSettingsCommand({ searchCap: 2000 }, f.issuedBy(null, ['admin'])),
    );
    const view = callbackSearchOver([callbackRow('c1'), callbackRow('c2')]);
    const handler = new SearchCallbacksHandler(view, new SettingsReader(f.eventStore));
    const request = { criteria: { q: '東京' }, sort: '-registeredAt' as const, page: 1, pageSize: 1 };
    const result = await handler.execute(new SearchCallbacksQuery(request, { columns: ['memo'] }));
    expect(result).toEqual({ items: [callbackRow('c1')], total: 2 });
    expect(view.requests).toEqual([{ ...request, narrowing: { columns: ['memo'] }, cap: 2000 }]);
  });
});
