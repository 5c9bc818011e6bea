import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { parseCsv, screenHeaders } from '../support/csv-download.js';
import { eventually } from '../support/eventually.js';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, type Person, signIn, startScreenApp } from './support/screen-app.js';

const dayMs = 24 * 60 * 60 * 1000;

/** 非同期検索 in the browser; signed in through the サインイン page. */
describe('the screen in Chromium: 非同期検索', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let person: Person;

  beforeAll(async () => {
    app = await startScreenApp();
    await app.admin.post('/callbacks', registration());
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    person = await createPerson(app, ['supervisor']);
    await signIn(page, person);
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
    // The session cookie goes with the browser's own download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSVをダウンロード' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(parseCsv(bytes)[0]).toEqual(screenHeaders);
  });

  it('refuses an 11th search with the reason and deletes one after confirmation', async () => {
    for (let i = 0; i < 9; i += 1) {
      const response = await person.api.post('/async-searches', { criteria: {}, memo: `追加 ${i}` });
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

  it('shows 異常終了 when the export fails, and 再実行 brings it to 正常終了 without a reload', async () => {
    // The exports directory replaced by a file: every attempt to store the CSV fails for real.
    const exportsDir = path.join(app.dataDir, 'exports');
    await rename(exportsDir, `${exportsDir}.kept`);
    await writeFile(exportsDir, 'not a directory');
    try {
      await page.getByLabel('検索メモ').fill('失敗する検索');
      await page.getByRole('button', { name: '非同期検索を登録' }).click();
      await page.getByRole('button', { name: '保存する' }).click();
      const row = rows().filter({ hasText: '失敗する検索' });
      await row.getByText('異常終了').waitFor({ timeout: 20_000 });
      await expect(row.getByRole('link', { name: 'CSVをダウンロード' }).count()).resolves.toBe(0);
    } finally {
      await rm(exportsDir);
      await rename(`${exportsDir}.kept`, exportsDir);
    }
    const row = rows().filter({ hasText: '失敗する検索' });
    await row.getByRole('button', { name: '再実行' }).click();
    await row.getByText('正常終了').waitFor({ timeout: 20_000 });
    await expect(row.getByRole('button', { name: '再実行' }).count()).resolves.toBe(0);
    await expect(row.getByRole('link', { name: 'CSVをダウンロード' }).isVisible()).resolves.toBe(true);
  });
});

/** An export holding a callback past retention (product.md §4): the admin shortens the retention. */
describe('the screen in Chromium: 期限切れ of an asynchronous search', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let person: Person;

  beforeAll(async () => {
    app = await startScreenApp();
    await app.admin.put('/settings', { retentionDays: 30 });
    const at = new Date(Date.now() - 20 * dayMs).toISOString();
    await app.admin.post('/callbacks', registration({ registeredAt: at, receivedAt: at }));
    await app.admin.post('/callbacks', registration());
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    person = await createPerson(app, ['supervisor']);
    await signIn(page, person, '/ui/async-searches');
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('shows 期限切れ without a reload once retention passes a row, and 再実行 brings it to 正常終了', async () => {
    await person.api.post('/async-searches', { criteria: {}, memo: '保持期間の確認' });
    const row = page.locator('table.results tbody tr').filter({ hasText: '保持期間の確認' });
    await row.getByText('正常終了').waitFor({ timeout: 20_000 });
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('2');

    // The older callback (20 days) is now past retention; the sweep runs with the settings change.
    await app.admin.put('/settings', { retentionDays: 15 });
    await row.getByText('期限切れ').waitFor({ timeout: 20_000 });
    await expect(row.getByRole('link', { name: 'CSVをダウンロード' }).count()).resolves.toBe(0);
    await page.getByText('保持期間を過ぎた折り返し呼が含まれていた').waitFor();

    await row.getByRole('button', { name: '再実行' }).click();
    await row.getByText('正常終了').waitFor({ timeout: 20_000 });
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('1');
    await expect(row.getByRole('link', { name: 'CSVをダウンロード' }).isVisible()).resolves.toBe(true);
  });
});
