import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createCommandApi } from '#hosts';
import { loadConfig } from '#runtime';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The body is read at once: a response left unread keeps its connection busy and the server from closing. */
async function get(baseUrl: string, pathname: string) {
  const response = await fetch(`${baseUrl}${pathname}`, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The page's script as index.html names it (a hashed file under /ui/assets/). */
async function entryScript(baseUrl: string): Promise<string> {
  const html = (await get(baseUrl, '/ui/')).text;
  const match = /<script[^>]+src="(\/ui\/assets\/[^"]+\.js)"/.exec(html);
  if (!match) throw new Error(`no entry script in index.html: ${html}`);
  return match[1];
}

function screenIsServed(baseUrl: () => string) {
  it('redirects / and /ui to the screen', async () => {
    for (const pathname of ['/', '/ui']) {
      const response = await get(baseUrl(), pathname);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/ui/');
    }
  });

  it('answers every route of the screen with its page, never cached without asking', async () => {
    for (const pathname of ['/ui/', '/ui/callbacks', '/ui/callbacks/0b5c1e3c?x=1', '/ui/signin', '/ui/admin']) {
      const response = await get(baseUrl(), pathname);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const html = response.text;
      expect(html).toContain('<html lang="ja">');
      expect(html).toContain('<div id="root">');
    }
  });

  it('serves the hashed files for a year as immutable, and a missing one is a 404, not the page', async () => {
    const script = await get(baseUrl(), await entryScript(baseUrl()));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const missing = await get(baseUrl(), '/ui/assets/no-such-file-0000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('keeps the API where it was: an API path is not the page', async () => {
    const response = await get(baseUrl(), '/callbacks');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
}

describe('the screen served by the all-in-one process', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  screenIsServed(() => app.admin.baseUrl);
});

describe('the screen served by the command API alone', () => {
  let dataDir: string;
  let api: NestFastifyApplication;
  let baseUrl: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-screen-'));
    api = await createCommandApi({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }) });
    await api.listen(0, '127.0.0.1');
    baseUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await api?.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  screenIsServed(() => baseUrl);
});
