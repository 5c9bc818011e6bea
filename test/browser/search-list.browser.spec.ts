import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, signIn, startScreenApp } from './support/screen-app.js';

/** The list as a supervisor sees it; signed in through the サインイン page. */
describe('the screen in Chromium: 折り返し呼履歴', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;

  beforeAll(async () => {
    app = await startScreenApp();
    await app.admin.post('/callbacks', registration({ registeredAt: '2026-11-20T01:02:03.000Z' }));
    await app.admin.post(
      '/callbacks',
      registration({ registeredAt: '2026-11-21T01:02:03.000Z', callCenter: 'ABCセンター' }),
    );
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  const rows = () => page.locator('table.results tbody tr');

  it('shows the default columns with Japanese headers, 着信日時 hidden, times in Tokyo whatever the browser zone', async () => {
    page = await newPage(browser(), app.admin.baseUrl, { timezoneId: 'America/New_York', locale: 'en-US' });
    await signIn(page, await createPerson(app, ['supervisor']), '/ui/callbacks?sort=registeredAt');
    await page.goto('/ui/callbacks?sort=registeredAt');
    await rows().nth(1).waitFor();

    const headers = (await page.locator('table.results thead th').allTextContents()).map((h) => h.split(' ')[0]);
    expect(headers).toEqual([
      'ID',
      '登録日時',
      '担当者',
      '対応状況',
      'コールセンター名',
      '業務ラベル名',
      '相手の番号',
      'こちらの番号',
      'リクエストID',
      '録音',
      'メモ',
    ]);
    await expect(rows().first().locator('td[data-column=registeredAt]').textContent()).resolves.toBe(
      '2026/11/20 10:02:03',
    );
    await expect(rows().first().locator('td[data-column=status]').textContent()).resolves.toBe('未完了');
    await expect(page.locator('th[aria-sort]').getAttribute('aria-sort')).resolves.toBe('ascending');
  });

  it('does not search on the Enter that confirms an IME conversion', async () => {
    const box = page.getByLabel('絞り込み');
    await box.fill('ａｂｃ');
    const before = page.url();
    // The Enter that ends a conversion arrives as a keydown with isComposing set.
    await box.dispatchEvent('keydown', { key: 'Enter', code: 'Enter', isComposing: true, bubbles: true });
    expect(page.url()).toBe(before);
    await expect(rows().count()).resolves.toBe(2);
  });

  it('narrows with full-width keywords matching half-width text, keeps q in the URL, and Back restores', async () => {
    await page.getByLabel('絞り込み').press('Enter');
    await page.waitForURL(/q=abc/);
    await expect(page.getByText('全1件中').waitFor()).resolves.toBeUndefined();
    await expect(rows().first().locator('td[data-column=callCenter]').textContent()).resolves.toBe('ABCセンター');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await expect(page.getByText('全2件中').waitFor()).resolves.toBeUndefined();
    await expect(page.getByLabel('絞り込み').inputValue()).resolves.toBe('');
  });

  it('takes the period in Japanese order whatever the browser locale, checks start ≤ end, and keeps it in the URL', async () => {
    const start = page.getByLabel('開始');
    const end = page.getByLabel('終了');
    await start.fill('2026/11/21');
    await end.fill('2026/11/20');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByText('期間の開始は終了以前の日時にしてください。').waitFor();

    await start.fill('２０２６/１１/２０ ０９:００');
    await end.fill('2026/11/20');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.waitForURL(/from=/);
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe('2026-11-20T09:00:00+09:00');
    expect(url.searchParams.get('to')).toBe('2026-11-20T23:59:59+09:00');
    await page.getByText('全1件中').waitFor();

    await page.reload();
    await page.getByText('全1件中').waitFor();
    await expect(page.getByLabel('開始').inputValue()).resolves.toBe('2026/11/20 09:00');
    await expect(page.getByLabel('終了').inputValue()).resolves.toBe('2026/11/20 23:59');
  });
});
