import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { registration, type TestApp } from '../support/test-app.js';
import { newPage, useBrowser } from './support/browser.js';
import { createPerson, type Person, signIn, startScreenApp } from './support/screen-app.js';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page (evaluated over the DevTools protocol, so the page's CSP does not apply to it). */
async function criticalViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  const violations = (await page.evaluate(async () => {
    const inPage = globalThis as unknown as {
      axe: { run(context: unknown): Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    return (await inPage.axe.run(inPage.document)).violations;
  })) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
}

describe('the screen in Chromium: サインイン, roles and accessibility', () => {
  const browser = useBrowser();
  let app: TestApp;
  let callbackId: string;
  let admin: Person;

  beforeAll(async () => {
    app = await startScreenApp();
    callbackId = (await app.admin.post('/callbacks', registration())).body.id;
    await app.admin.post(`/callbacks/${callbackId}/assign`, { agent: '佐藤' });
    await app.caughtUp();
    admin = await createPerson(app, ['admin'], '管理者 一郎');
  });

  afterAll(async () => {
    await app?.close();
  });

  async function withPage(body: (page: Page) => Promise<void>, timezoneId?: string): Promise<void> {
    const page = await newPage(browser(), app.admin.baseUrl, { timezoneId });
    try {
      await body(page);
    } finally {
      await page.context().close();
    }
  }

  it('sends a signed-out visitor to the Japanese sign-in page and keeps where they were going', async () => {
    await withPage(async (page) => {
      await page.goto('/ui/callbacks?status=incomplete');

      await expect(page.getByRole('heading', { name: 'サインイン' }).waitFor()).resolves.toBeUndefined();
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      expect(new URL(page.url()).pathname).toBe('/ui/signin');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/callbacks?status=incomplete');
      await expect(page.getByLabel('パスワード').getAttribute('type')).resolves.toBe('password');
    });
  });

  it('refuses a wrong password in Japanese, signs in to where the visitor was going, and signs out', async () => {
    const supervisor = await createPerson(app, ['supervisor'], '監督 二郎');
    await withPage(async (page) => {
      await page.goto('/ui/callbacks?status=incomplete');
      await page.getByLabel('アカウント名またはメールアドレス').fill(supervisor.name);
      await page.getByLabel('パスワード').fill('not the password at all');
      await page.getByRole('button', { name: 'サインイン' }).click();
      await page.getByRole('alert').getByText('パスワードが正しくありません').waitFor();

      await page.getByLabel('パスワード').fill(supervisor.password);
      await page.getByRole('button', { name: 'サインイン' }).click();
      const header = page.getByRole('banner');
      await header.getByText('監督 二郎').waitFor();
      await expect(header.getByText('スーパーバイザー').isVisible()).resolves.toBe(true);
      expect(new URL(page.url()).pathname).toBe('/ui/callbacks');
      expect(new URL(page.url()).searchParams.get('status')).toBe('incomplete');
      await page.locator('table.results tbody tr').first().waitFor();

      await header.getByRole('button', { name: /監督 二郎/ }).click();
      await page.getByRole('button', { name: 'サインアウト' }).click();
      await page.getByRole('heading', { name: 'サインイン' }).waitFor();
      // The session is gone on the server too: the list is out of reach until the next sign-in.
      await page.goto('/ui/callbacks');
      await page.getByRole('heading', { name: 'サインイン' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/ui/signin');
    });
  });

  it('shows an analyst no action the role may not take', async () => {
    const analyst = await createPerson(app, ['analyst'], '分析 三郎');
    await withPage(async (page) => {
      await signIn(page, analyst, `/ui/callbacks/${callbackId}`);
      await page.getByRole('heading', { name: '折り返し呼の詳細' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      await expect(nav.getByRole('link', { name: '統計' }).isVisible()).resolves.toBe(true);
      await expect(nav.getByRole('link', { name: '管理' }).count()).resolves.toBe(0);
      for (const action of ['割り当て', '自分に割り当て', '割り当て解除', '完了にする', 'メモを保存']) {
        await expect(page.getByRole('button', { name: action, exact: true }).count()).resolves.toBe(0);
      }
      await expect(page.getByRole('heading', { name: '履歴' }).count()).resolves.toBe(0);
    });
  });

  it('shows an agent the work actions but no 履歴, 統計 or 管理', async () => {
    const agent = await createPerson(app, ['agent'], '担当 四郎');
    await withPage(async (page) => {
      await signIn(page, agent, `/ui/callbacks/${callbackId}`);
      await page.getByRole('button', { name: '完了にする' }).waitFor();
      await expect(page.getByRole('heading', { name: '履歴' }).count()).resolves.toBe(0);
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      await expect(nav.getByRole('link', { name: '統計' }).count()).resolves.toBe(0);
      await expect(nav.getByRole('link', { name: '管理' }).count()).resolves.toBe(0);
    });
  });

  it('lets an administrator create an account on 管理, shows its token once and lists it', async () => {
    await withPage(async (page) => {
      await signIn(page, admin, '/ui/admin');
      const accounts = page.getByRole('region', { name: 'アカウント' });
      await accounts.getByLabel('アカウント名').fill('新人 花子');
      await accounts.getByLabel('パスワード(12文字以上)').fill('hanako-first-password');
      await accounts.getByRole('button', { name: 'アカウントを作成' }).click();
      await accounts
        .getByRole('status')
        .getByText('アカウント「新人 花子」を作成しました。', { exact: false })
        .waitFor();
      // The list is a view kept by the projector: the new account appears without reloading the page.
      const row = accounts.getByRole('row', { name: /新人 花子/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('オペレーター');
    });
  });

  it('has no critical axe-core violation on the list, detail, async-search, statistics and admin pages', async () => {
    await withPage(async (page) => {
      await signIn(page, admin);
      const pages: [string, () => Promise<void>][] = [
        ['/ui/callbacks', () => page.locator('table.results tbody tr').first().waitFor()],
        [`/ui/callbacks/${callbackId}`, () => page.locator('.timeline li').first().waitFor()],
        ['/ui/async-searches', () => page.getByRole('heading', { name: '非同期検索' }).waitFor()],
        ['/ui/stats', () => page.getByRole('heading', { name: '統計' }).waitFor()],
        ['/ui/admin', () => page.getByRole('heading', { name: '管理' }).waitFor()],
      ];
      const found: Record<string, string[]> = {};
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready();
        found[path] = await criticalViolations(page);
      }
      expect(found).toEqual(Object.fromEntries(pages.map(([path]) => [path, []])));
    });
  });
});
