import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { parseCsv, screenHeaders } from '../support/csv-download.js';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, type Person, signIn, startScreenApp } from './support/screen-app.js';

/** Column chooser and CSV download; signed in through the サインイン page. */
describe('the screen in Chromium: columns and CSV', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let person: Person;

  beforeAll(async () => {
    app = await startScreenApp();
    await app.admin.post('/callbacks', registration({ callCenter: '東京コールセンター' }));
    page = await newPage(browser(), app.admin.baseUrl);
    person = await createPerson(app, ['supervisor']);
    await signIn(page, person);
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  const headers = async () =>
    (await page.locator('table.results thead th').allTextContents()).map((h) => h.split(' ')[0]);

  it('hides and reorders columns with the keyboard, and the choice holds on a fresh page', async () => {
    await page.goto('/ui/callbacks');
    await page.locator('table.results tbody tr').first().waitFor();

    await page.getByRole('button', { name: '表示する列を選ぶ' }).focus();
    await page.keyboard.press('Enter');
    const agent = page.getByRole('checkbox', { name: '担当者' });
    await agent.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'メモを上へ' }).focus();
    for (let i = 0; i < 9; i += 1) await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '保存' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    const expected = ['ID', 'メモ', '登録日時', '対応状況', 'コールセンター名', '業務ラベル名', '相手の番号'];
    await expect(headers().then((h) => h.slice(0, 7))).resolves.toEqual(expected);
    expect(await headers()).not.toContain('担当者');

    // The same person in a fresh browser context (no local state): the choice comes from the server.
    const fresh = await newPage(browser(), app.admin.baseUrl);
    await signIn(fresh, person);
    try {
      await fresh.goto('/ui/callbacks');
      await fresh.locator('table.results tbody tr').first().waitFor();
      const freshHeaders = (await fresh.locator('table.results thead th').allTextContents()).map(
        (h) => h.split(' ')[0],
      );
      expect(freshHeaders.slice(0, 7)).toEqual(expected);
      expect(freshHeaders).not.toContain('担当者');
    } finally {
      await fresh.context().close();
    }
  });

  it('downloads the CSV as UTF-8 with BOM and Japanese headers, and as Shift_JIS on request', async () => {
    const [utf8] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVダウンロード' }).click(),
    ]);
    expect(utf8.suggestedFilename()).toMatch(/^折り返し呼履歴_\d{8}\.csv$/);
    const utf8Bytes = await readFile(await utf8.path());
    expect(utf8Bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parseCsv(utf8Bytes)[0]).toEqual(screenHeaders);

    await page.getByLabel('文字コード').selectOption('shift_jis');
    const [sjis] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVダウンロード' }).click(),
    ]);
    const sjisBytes = await readFile(await sjis.path());
    const rows = parseCsv(sjisBytes, 'shift_jis');
    expect(rows[0]).toEqual(screenHeaders);
    expect(rows[1]).toContain('東京コールセンター');
  });
});
