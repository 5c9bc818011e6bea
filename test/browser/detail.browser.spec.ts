import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually.js';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, signIn, startScreenApp } from './support/screen-app.js';

/** 詳細 and the search states; signed in through the サインイン page. */
describe('the screen in Chromium: detail, empty state and search cap', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let callbackId: string;

  beforeAll(async () => {
    app = await startScreenApp();
    const registered = await app.admin.post('/callbacks', registration({ registeredAt: '2026-11-20T01:02:03.000Z' }));
    callbackId = registered.body.id;
    await app.admin.post('/callbacks', registration());
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    await signIn(page, await createPerson(app, ['admin'], '管理者 花子'));
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  const memoBox = () => page.getByRole('textbox', { name: /メモ/ });

  it('refuses a memo over 1,000 characters and saves one within', async () => {
    await page.goto(`/ui/callbacks/${callbackId}`);
    await page.getByRole('heading', { name: '折り返し呼の詳細' }).waitFor();
    await memoBox().fill('あ'.repeat(1001));
    await expect(page.locator('#memo-counter').textContent()).resolves.toContain('1文字超過しています');
    await expect(page.getByRole('button', { name: 'メモを保存' }).isDisabled()).resolves.toBe(true);

    await memoBox().fill('折り返し済み');
    await page.getByRole('button', { name: 'メモを保存' }).click();
    await page.getByText('メモを保存しました。').waitFor();
  });

  it('tells the user when someone else changed the callback and reloads on request', async () => {
    await app.admin.put(`/callbacks/${callbackId}/memo`, { memo: '別の担当者のメモ' });
    await memoBox().fill('私のメモ');
    await page.getByRole('button', { name: 'メモを保存' }).click();
    await page.getByText('他の人がこの折り返し呼を変更しました').waitFor();
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
    await eventually(async () => (await memoBox().inputValue()) === '別の担当者のメモ', 'the reloaded memo');
  });

  it('assigns and completes from the detail, shows who did it in 履歴, and the list reflects it', async () => {
    await page.getByLabel('担当者', { exact: true }).fill('佐藤');
    await page.getByRole('button', { name: '割り当て', exact: true }).click();
    await page.getByRole('button', { name: '割り当て解除' }).waitFor();
    await page.getByRole('button', { name: '完了にする' }).click();
    await page.getByRole('button', { name: '未完了に戻す' }).waitFor();

    const timeline = page.locator('.timeline li');
    await page.locator('.timeline li', { hasText: '完了にしました' }).waitFor();
    const assigned = await timeline.filter({ hasText: '担当者を「佐藤」に割り当てました' }).textContent();
    expect(assigned).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
    expect(assigned).toContain('管理者 花子');

    await page.goto('/ui/callbacks?agent=佐藤');
    const row = page.locator('table.results tbody tr').first();
    await row.waitFor();
    await expect(row.locator('td[data-column=status]').textContent()).resolves.toBe('完了');
  });

  it('says so in Japanese when nothing matches', async () => {
    await page.goto('/ui/callbacks?requestId=no-such-call');
    await page.getByText('条件に一致する折り返し呼はありません。').waitFor();
  });

  it('names the search cap and offers 非同期検索 with the same criteria', async () => {
    await app.admin.put('/settings', { searchCap: 1 });
    await page.goto('/ui/callbacks?callCenter=東京コールセンター&q=東京');
    await page.getByText('検索上限(1件)を超えています').waitFor();
    await page.getByRole('link', { name: 'この条件で非同期検索する' }).click();
    await page.getByRole('heading', { name: '非同期検索' }).waitFor();
    expect(new URL(page.url()).searchParams.get('callCenter')).toBe('東京コールセンター');
    expect(new URL(page.url()).searchParams.get('q')).toBe('東京');
    await expect(page.getByLabel('コールセンター名').inputValue()).resolves.toBe('東京コールセンター');
  });
});
