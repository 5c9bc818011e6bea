import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { roles } from '#domain';
import { ChildApp } from '../support/child-app.js';
import { HttpClient } from '../support/http-client.js';
import { waitFor } from '../support/wait-for.js';

describe('npm run demo', () => {
  let dataDir: string;
  let app: ChildApp | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-demo-'));
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    app = ChildApp.start('apps/all-in-one/src/main.js', { DATA_DIR: dataDir, PORT: '0', DEMO_CALLBACKS: '150' }, [
      '--demo',
    ]);
    // The banner comes once the demo set is in (six password hashes and 150 callbacks over HTTP).
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/, 90_000);
    await app.waitForOutput(/demo accounts[\s\S]*admin: oks_\S+/, 60_000);
    const tokens = Object.fromEntries(
      roles.map((role) => [role, app!.stdout.match(new RegExp(`  ${role}: (oks_\\S+)`))![1]]),
    );
    const signIns = Object.fromEntries(
      roles.map((role) => {
        const [, login, password] = app!.stdout.match(new RegExp(`  ${role}: (\\S+@\\S+) / (\\S+)`))!;
        return [role, { login, password }];
      }),
    );
    return { url, tokens, signIns };
  };

  it('fills a fresh data dir with Japanese callbacks and prints a working token per role, once', async () => {
    const { url, tokens, signIns } = await start();
    const supervisor = new HttpClient(url, tokens.supervisor);
    await waitFor(
      async () => (await supervisor.get('/callbacks?pageSize=1')).body.total === 150,
      'the demo set to be projected',
    );
    const page = (await supervisor.get('/callbacks?pageSize=200')).body.items as Array<Record<string, unknown>>;
    expect(new Set(page.map((c) => c.callCenter)).size).toBeGreaterThan(1);
    expect(page.some((c) => c.status === 'complete') && page.some((c) => c.status === 'incomplete')).toBe(true);
    expect(page.some((c) => typeof c.memo === 'string' && /[ぁ-んァ-ン一-龯]/.test(c.memo as string))).toBe(true);
    // Each view follows the log on its own: the search list may be projected after the callbacks.
    await waitFor(
      async () => (await supervisor.get('/async-searches')).body.items.length > 0,
      "the demo's asynchronous searches to be projected",
    );
    for (const role of roles)
      expect((await new HttpClient(url, tokens[role]).get('/accounts/me')).body.roles).toEqual([role]);
    // Every demo account signs in with the printed login and password.
    for (const role of roles) {
      const signIn = await new HttpClient(url).post('/sessions', signIns[role]);
      expect({ role, status: signIn.status }).toEqual({ role, status: 204 });
    }
    expect((await app!.stop('SIGTERM')).code).toBe(0);

    // A second start finds the demo set and prints the same tokens without seeding again.
    const again = await start();
    expect(again.tokens).toEqual(tokens);
    expect(again.signIns).toEqual(signIns);
    expect((await new HttpClient(again.url, tokens.supervisor).get('/callbacks?pageSize=1')).body.total).toBe(150);
  }, 180_000);
});
