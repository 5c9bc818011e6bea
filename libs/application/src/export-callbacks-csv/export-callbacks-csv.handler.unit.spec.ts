import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SearchLimitExceededError } from '#read-store';
import { loadConfig } from '#runtime';
import { ChangeSettingsCommand } from '../change-settings/change-settings.command.js';
import { ChangeSettingsHandler } from '../change-settings/change-settings.handler.js';
import { callbackRow, callbackSearchOver } from '../shared/callback-search.fixture.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { ExportCallbacksCsvHandler } from './export-callbacks-csv.handler.js';
import { ExportCallbacksCsvQuery } from './export-callbacks-csv.query.js';

describe('export-callbacks-csv', () => {
  const f = useCaseFixture();
  const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' });
  const request = { criteria: {}, sort: '-registeredAt' as const, encoding: 'utf-8' as const };
  afterAll(() => f.close());

  it('streams every matching row as a CSV file named for now', async () => {
    const rows = [callbackRow('c1'), callbackRow('c2', { memo: '至急' })];
    const handler = new ExportCallbacksCsvHandler(
      callbackSearchOver(rows),
      config,
      f.clock,
      new SettingsReader(f.eventStore),
    );
    const csv = await handler.execute(new ExportCallbacksCsvQuery(request, { columns: [] }));
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect(csv.fileName).toMatch(/\.csv$/);
    const lines = (await text(csv.content)).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('至急');
  });

  it('refuses before writing a byte when more rows match than the search cap', async () => {
    await new ChangeSettingsHandler(f.aggregates, f.clock).execute(
      new ChangeSettingsCommand({ searchCap: 1 }, f.issuedBy(null, ['admin'])),
    );
    const rows = [callbackRow('c1'), callbackRow('c2')];
    const handler = new ExportCallbacksCsvHandler(
      callbackSearchOver(rows),
      config,
      f.clock,
      new SettingsReader(f.eventStore),
    );
    await expect(handler.execute(new ExportCallbacksCsvQuery(request, { columns: [] }))).rejects.toBeInstanceOf(
      SearchLimitExceededError,
    );
  });
});
