import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seedDemo } from '#hosts';
import { HttpClient } from '../support/http-client.js';
import type { TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { signIn, startScreenApp } from './support/screen-app.js';

/**
 * The README's pictures: the list and the async-search page over the demo data. `npm run screenshots` writes
 * them to docs/; in `npm test` they go to a temporary directory, and the pages are still checked to show the
 * demo data.
 */
const intoDocs = process.env.UPDATE_SCREENSHOTS === '1';

describe('the screen in Chromium: README screenshots with the demo data', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let outDir: string;

  beforeAll(async () => {
    app = await startScreenApp();
    outDir = intoDocs ? path.join(process.cwd(), 'docs') : await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-shots-'));
    const demo = await seedDemo(app.admin.baseUrl, app.adminToken, app.dataDir, intoDocs ? 3000 : 200);
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    // The demo's supervisor (who owns the demo's asynchronous searches), with the login the demo prints.
    const { login, password } = demo.signIns.supervisor;
    const me = await new HttpClient(app.admin.baseUrl, demo.tokens.supervisor).get('/accounts/me');
    const name = me.body.name as string;
    await signIn(page, { name, login, password, roles: ['supervisor'], api: app.admin });
  }, 600_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
    if (!intoDocs && outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('shows the demo list (newest first, 50 a page) and takes its picture', async () => {
    await page.goto('/ui/callbacks');
    await page.locator('table.results tbody tr').nth(49).waitFor();
    await expect(page.getByText(/全[\d,]+件中/).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(outDir, 'screen-list.png') });
  });

  it('shows the demo asynchronous searches and takes the picture', async () => {
    await page.goto('/ui/async-searches');
    await page.getByRole('heading', { name: '非同期検索' }).waitFor();
    const rows = page.locator('table.results tbody tr');
    await expect(
      rows.filter({ hasText: '東京の月次報告用' }).getByText('正常終了').waitFor({ timeout: 30_000 }),
    ).resolves.toBeUndefined();
    await page.screenshot({ path: path.join(outDir, 'screen-async-search.png') });
  });
});
