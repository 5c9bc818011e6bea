import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateToken } from '#runtime';
import { ChildApp } from '../support/child-app.js';
import { HttpClient } from '../support/http-client.js';
import { registration } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const entry = 'apps/all-in-one/src/main.js';
const senders = 16;
/** Acknowledged registrations to wait for before the kill: the load is well under way by then. */
const ackedBeforeKill = 300;

describe('the all-in-one process killed (SIGKILL) under a registration load', () => {
  let dataDir: string;
  let app: ChildApp | null = null;
  const adminToken = generateToken();

  async function start(): Promise<HttpClient> {
    app = ChildApp.start(entry, { DATA_DIR: dataDir, PORT: '0', ADMIN_TOKEN: adminToken });
    const [, url] = await app.waitForOutput(/running on (http:\/\/\S+)/);
    return new HttpClient(url.replace('localhost', '127.0.0.1'), adminToken);
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-sigkill-'));
  });

  afterAll(async () => {
    await app?.stop('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every registration it acknowledged', async () => {
    const admin = await start();
    const acknowledged = new Map<string, Record<string, unknown>>(); // id → the body that got a 2xx
    const refused: string[] = [];
    let inFlight = 0;
    let stopped = false;

    const sender = async () => {
      while (!stopped) {
        const body = registration({ callCenter: `負荷 ${acknowledged.size}` });
        inFlight += 1;
        try {
          const response = await admin.post('/callbacks', body);
          if (response.status >= 200 && response.status < 300) acknowledged.set(response.body.id, body);
          else refused.push(`${response.status} ${response.text.slice(0, 200)}`);
        } catch {
          stopped = true; // the connection died with the process: that request's outcome is unknown
        } finally {
          inFlight -= 1;
        }
      }
    };
    const load = Promise.all(Array.from({ length: senders }, sender));

    await waitFor(
      () => acknowledged.size >= ackedBeforeKill || refused.length > 0,
      `${ackedBeforeKill} acknowledged registrations`,
    );
    expect(refused).toEqual([]);
    const inFlightAtKill = inFlight;
    await app!.stop('SIGKILL');
    stopped = true;
    await load;
    // Killed mid-load: requests were still on their way when the process died.
    expect(inFlightAtKill).toBeGreaterThan(0);

    const restarted = await start();
    const missing: string[] = [];
    for (const [id, body] of acknowledged) {
      // Sent again, an acknowledged registration is recognised (200, same id), never created anew (201).
      const again = await restarted.post('/callbacks', body);
      if (again.status !== 200 || again.body.id !== id) missing.push(`${id}: ${again.status}`);
    }
    expect(missing).toEqual([]);
    await waitFor(
      async () => (await restarted.get('/callbacks?pageSize=1')).body.total >= acknowledged.size,
      'the views to show every acknowledged callback',
    );
    for (const id of [...acknowledged.keys()].slice(0, 20)) {
      expect((await restarted.get(`/callbacks/${id}`)).body.callCenter).toBe(acknowledged.get(id)!.callCenter);
    }
  });
});
