import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { parseCsv, screenHeaders } from '../support/csv-download.js';
import { eventually } from '../support/eventually.js';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, signIn, startScreenApp } from './support/screen-app.js';

/** 非同期検索 in the browser; signed in through the サインイン page. */
describe('the screen in Chromium: 非同期検索', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;

  beforeAll(async () => {
    app = await startScreenApp();
    await app.admin.post('/callbacks', registration());
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    await signIn(page, await createPerson(app, ['admin']));
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  const rows = () => page.locator('table.results tbody tr');

  it('asks for confirmation, shows 正常終了 without a reload and downloads the CSV', async () => {
    await page.goto('/ui/async-searches');
    await page.getByText('非同期検索はまだありません。').waitFor();
    await expect(page.getByRole('checkbox', { name: '完了時にメール通知' }).isDisabled()).resolves.toBe(true);

    await page.getByLabel('検索メモ').fill('月次の確認');
    await page.getByRole('button', { name: '非同期検索を登録' }).click();
    await page.getByText('この条件で非同期検索を保存しますか?').waitFor();
    await page.getByRole('button', { name: '保存する' }).click();

    await rows().filter({ hasText: '正常終了' }).waitFor({ timeout: 20_000 });
    await expect(rows().first().textContent()).resolves.toContain('月次の確認');
    // The browser's download manager does not carry the test's bearer token (a session cookie will), so
    // the link's target is fetched with the page's request context instead of clicking it.
    const href = await page.getByRole('link', { name: 'CSVをダウンロード' }).getAttribute('href');
    expect(href).toMatch(/^\/async-searches\/[^/]+\/download$/);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    expect(parseCsv(bytes)[0]).toEqual(screenHeaders);
  });

  it('refuses an 11th search with the reason and deletes one after confirmation', async () => {
    for (let i = 0; i < 9; i += 1) {
      const response = await app.admin.post('/async-searches', { criteria: {}, memo: `追加 ${i}` });
      expect(response.status).toBe(201);
    }
    await page.reload();
    await expect(rows().nth(9).waitFor()).resolves.toBeUndefined();

    await page.getByRole('button', { name: '非同期検索を登録' }).click();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('非同期検索は10件まで保存できます').waitFor();

    await page
      .getByRole('button', { name: /の検索を削除/ })
      .first()
      .click();
    await page.getByRole('button', { name: '削除する' }).click();
    await eventually(async () => (await rows().count()) === 9, 'nine searches left');
  });
});
