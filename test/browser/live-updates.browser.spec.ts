import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, type Person, signIn, startScreenApp } from './support/screen-app.js';

/** Changes made elsewhere reach an open page over the live events (SSE), without a reload. */
describe('the screen in Chromium: live updates', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let person: Person;
  let firstId: string;

  beforeAll(async () => {
    app = await startScreenApp();
    const first = await app.admin.post('/callbacks', registration({ registeredAt: '2026-11-20T02:00:00.000Z' }));
    expect(first.status).toBe(201);
    firstId = first.body.id;
    await app.admin.post('/callbacks', registration({ registeredAt: '2026-11-21T02:00:00.000Z' }));
    await app.caughtUp();
    person = await createPerson(app, ['supervisor'], '監督 五郎');
    page = await newPage(browser(), app.admin.baseUrl);
    await signIn(page, person);
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  /**
   * Once the page's event stream is open (a change made before would not be announced to it), a mark on the
   * window: still there at the end means the page was never reloaded.
   */
  const markPage = async () => {
    await page.locator('[data-live=open]').waitFor({ state: 'attached' });
    await page.evaluate(() => ((globalThis as unknown as { liveMark: number }).liveMark = 1));
  };
  const stillSamePage = () => page.evaluate(() => (globalThis as unknown as { liveMark?: number }).liveMark === 1);

  it('tells the list how many rows changed, keeps the rows in place, and shows them on 再表示', async () => {
    await page.goto('/ui/callbacks?sort=registeredAt');
    const first = page.locator('table.results tbody tr').first();
    await first.locator('td[data-column=agent]').getByText('未割当').waitFor();
    await markPage();

    await app.admin.post(`/callbacks/${firstId}/assign`, { agent: '高橋' });
    const notice = page.getByRole('status').filter({ hasText: '件更新されました' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('1件更新されました');
    // The rows under the pointer stay as they were until the person asks.
    await expect(first.locator('td[data-column=agent]').textContent()).resolves.toBe('未割当');

    await notice.getByRole('button', { name: '再表示' }).click();
    await first.locator('td[data-column=agent]').getByText('高橋').waitFor();
    await expect(notice.count()).resolves.toBe(0);
    expect(await stillSamePage()).toBe(true);
  });

  it('refreshes an open detail when someone else completes the callback', async () => {
    await page.goto(`/ui/callbacks/${firstId}`);
    await page.getByRole('button', { name: '完了にする' }).waitFor();
    await markPage();

    await app.admin.post(`/callbacks/${firstId}/complete`);
    await page.getByRole('button', { name: '未完了に戻す' }).waitFor();
    await page.locator('.timeline li', { hasText: '完了にしました' }).waitFor();
    expect(await stillSamePage()).toBe(true);
  });

  it('shows an asynchronous search reaching 正常終了 and announces it in the polite live region', async () => {
    await page.goto('/ui/async-searches');
    await page.getByText('非同期検索はまだありません。').waitFor();
    await markPage();

    // Requested elsewhere (another tab, the API): the list learns of it from the event stream alone.
    await person.api.post('/async-searches', { criteria: {}, memo: '別の画面から' });
    const row = page.locator('table.results tbody tr', { hasText: '別の画面から' });
    await row.getByText('正常終了').waitFor({ timeout: 20_000 });
    const region = page.locator('[role=status][aria-live=polite]');
    await region.filter({ hasText: '正常終了' }).waitFor({ state: 'attached' });
    expect(await region.textContent()).toBe('非同期検索の状況が「正常終了」になりました。');
    expect(await stillSamePage()).toBe(true);
  });
});
