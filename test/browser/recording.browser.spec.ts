import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { wavTone } from '../support/audio.js';
import { eventually } from '../support/eventually.js';
import type { HttpClient } from '../support/http-client.js';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, signIn, startScreenApp } from './support/screen-app.js';

async function registerWithRecording(client: HttpClient, overrides: Record<string, unknown> = {}) {
  const upload = await fetch(`${client.baseUrl}/recordings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'audio/wav' },
    body: wavTone(2),
  });
  const { recordingId } = (await upload.json()) as { recordingId: string };
  const body = registration({ recordingId, ...overrides });
  const registered = await client.post('/callbacks', body);
  return { id: registered.body.id as string, requestId: body.requestId };
}

/** 録音 in the screen: played in the detail with the session cookie, never offered for download. */
describe('the screen in Chromium: recordings', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;
  let expired: { id: string; requestId: string };
  let linked: { id: string; requestId: string };
  let none: { id: string; requestId: string };

  beforeAll(async () => {
    app = await startScreenApp();
    expired = await registerWithRecording(app.admin, {
      registeredAt: '2026-11-01T01:00:00.000Z',
      receivedAt: '2026-11-01T01:00:00.000Z',
    });
    linked = await registerWithRecording(app.admin);
    const body = registration();
    none = { id: (await app.admin.post('/callbacks', body)).body.id, requestId: body.requestId };
    // A cap of one unlinks the older recording.
    expect((await app.admin.put('/settings', { recordingCap: 1 })).status).toBe(200);
    await app.caughtUp();
    page = await newPage(browser(), app.admin.baseUrl);
    await signIn(page, await createPerson(app, ['agent'], '担当 録音'));
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('plays the recording in the detail, with no download control or link', async () => {
    await page.goto(`/ui/callbacks/${linked.id}`);
    const player = page.getByLabel('録音を再生');
    await player.waitFor();
    expect(await player.getAttribute('controlslist')).toContain('nodownload');
    expect(await page.locator('a[href*="/recording"]').count()).toBe(0);

    // The browser fetched the audio with the session cookie and decoded it (this file has no DOM types).
    // (Polled from the test, not with a string predicate: the page's CSP forbids evaluating strings.)
    await eventually(
      () => player.evaluate((audio) => (audio as unknown as { duration: number }).duration > 0),
      'the audio to be decoded',
    );
    const duration = await player.evaluate((audio) => (audio as unknown as { duration: number }).duration);
    expect(duration).toBeGreaterThan(1.5);

    // Playing, as a person pressing play: the time moves on.
    await player.evaluate((element) => {
      const audio = element as unknown as { muted: boolean; play(): Promise<void> };
      audio.muted = true;
      return audio.play();
    });
    await eventually(
      () => player.evaluate((audio) => (audio as unknown as { currentTime: number }).currentTime > 0),
      'playback to advance',
    );
  });

  it('shows 期限切れ in the detail once the cap unlinked the recording', async () => {
    await page.goto(`/ui/callbacks/${expired.id}`);
    await page.getByRole('heading', { name: '折り返し呼の詳細' }).waitFor();
    await page.locator('.fields').getByText('期限切れ').waitFor();
    expect(await page.locator('audio').count()).toBe(0);
  });

  it('shows あり / 期限切れ / なし in the list’s 録音 column', async () => {
    const shown = async (requestId: string) => {
      await page.goto(`/ui/callbacks?requestId=${encodeURIComponent(requestId)}`);
      const cell = page.locator('table.results tbody tr').first().locator('td[data-column=recording]');
      await cell.waitFor();
      return (await cell.textContent())?.trim();
    };
    expect(await shown(linked.requestId)).toBe('あり');
    expect(await shown(expired.requestId)).toBe('期限切れ');
    expect(await shown(none.requestId)).toBe('なし');
  });
});

describe('the screen in Chromium: 録音一括ダウンロード on the admin page', () => {
  const browser = useBrowser();
  let app: TestApp;
  let page: Page;

  beforeAll(async () => {
    app = await startScreenApp();
    page = await newPage(browser(), app.admin.baseUrl);
    await signIn(page, await createPerson(app, ['admin'], '管理 録音'), '/ui/admin');
  });

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('offers the bulk download only while the option is on, and downloads a ZIP for the period', async () => {
    await registerWithRecording(app.admin);
    await page.goto('/ui/admin');
    await page.getByRole('heading', { name: '設定' }).waitFor();
    expect(await page.getByRole('heading', { name: '録音一括ダウンロード' }).count()).toBe(0);

    expect((await app.admin.put('/settings', { bulkRecordingDownload: true })).status).toBe(200);
    await app.caughtUp();
    await page.reload();
    await page.getByRole('heading', { name: '録音一括ダウンロード' }).waitFor();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    await page.getByLabel('開始日').fill(today);
    await page.getByLabel('終了日').fill(today);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'ZIP をダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^recordings_\d{8}_\d{6}\.zip$/);
    expect(await download.failure()).toBeNull();
  });
});
