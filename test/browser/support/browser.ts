import { afterAll, beforeAll } from '@jest/globals';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (no browser download); headless flags that work on our machines and in CI. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * One browser per test file, launched before its tests and closed after them (jest gives each file its
 * own module registry and waits for open handles, so a browser cannot outlive the file). Call at the top
 * of a describe block.
 */
export function useBrowser(): () => Browser {
  let launched: Browser | null = null;
  beforeAll(async () => {
    launched = await chromium.launch({ executablePath: chromiumPath, args: flags });
  });
  afterAll(async () => {
    await launched?.close();
  });
  return () => {
    if (!launched) throw new Error('the browser is not running (useBrowser outside a describe block?)');
    return launched;
  };
}

export interface PageOptions {
  /** The browser's own zone; the screen must show Tokyo time whatever it is. */
  timezoneId?: string;
  /** Default ja-JP; the screen must read the same in any locale. */
  locale?: string;
}

/** A fresh context (no cookies) and page; close the context after the test. */
export async function newPage(browser: Browser, baseUrl: string, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'ja-JP',
    timezoneId: options.timezoneId ?? 'Asia/Tokyo',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}
