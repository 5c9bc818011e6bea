import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, signIn, startScreenApp } from './support/screen-app.js';

describe('the screen in Chromium: サインイン', () => {
  const browser = useBrowser();
  let app: TestApp;

  beforeAll(async () => {
    app = await startScreenApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends a signed-out visitor to the Japanese sign-in page and keeps where they were going', async () => {
    const page = await newPage(browser(), app.admin.baseUrl);
    try {
      await page.goto('/ui/callbacks?status=incomplete');

      await expect(page.getByRole('heading', { name: 'サインイン' }).waitFor()).resolves.toBeUndefined();
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(new URL(page.url()).pathname).toBe('/ui/signin');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/callbacks?status=incomplete');
      await expect(page.getByLabel('アカウント名またはメールアドレス').isVisible()).resolves.toBe(true);
      await expect(page.getByLabel('パスワード').getAttribute('type')).resolves.toBe('password');
      await expect(page.getByRole('button', { name: 'サインイン' }).isEnabled()).resolves.toBe(true);
    } finally {
      await page.context().close();
    }
  });
});
