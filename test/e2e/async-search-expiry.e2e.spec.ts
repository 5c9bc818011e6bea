import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '#runtime';
import { download } from '../support/csv-download.js';
import { eventually } from '../support/eventually.js';
import type { HttpClient } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const dayMs = 24 * 60 * 60 * 1000;

/** product.md §4: an export file that holds a callback past retention goes with it (期限切れ). */
describe('async-search files follow retention (期限切れ)', () => {
  let t: TestApp;
  let owner: { id: string; token: string; client: HttpClient };
  const clock = new ManualClock(new Date());
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * dayMs).toISOString();
  const digits = String(Date.now()).slice(-8);
  const oldNumber = `070${digits}`;
  const youngNumber = `080${digits}`;

  const finished = (id: string) =>
    eventually(async () => {
      const { body } = await owner.client.get(`/async-searches/${id}`);
      return ['succeeded', 'failed'].includes(body.status) ? body : undefined;
    }, `async search ${id} finished`);
  const csvOf = async (id: string) => download(t.admin.baseUrl, owner.token, `/async-searches/${id}/download`);
  const exportFiles = async () => (await readdir(path.join(t.dataDir, 'exports')).catch(() => [])).sort();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    owner = await t.createAccount(['supervisor']);
    expect((await t.admin.put('/settings', { retentionDays: 30 })).status).toBe(200);
    for (const [callerNumber, age] of [
      [oldNumber, 20],
      [youngNumber, 5],
    ] as const) {
      const at = daysAgo(age);
      const created = await owner.client.post(
        '/callbacks',
        registration({ callerNumber, registeredAt: at, receivedAt: at }),
      );
      expect(created.status).toBe(201);
    }
    await t.caughtUp();
  });
  afterAll(() => t.close());

  it('expires the search whose file holds a callback past retention, deletes the file, and runs it again', async () => {
    const both = (await owner.client.post('/async-searches', { criteria: {}, memo: '全件' })).body.id;
    const youngOnly = (await owner.client.post('/async-searches', { criteria: { from: daysAgo(6) } })).body.id;
    expect(await finished(both)).toMatchObject({ status: 'succeeded', rowCount: 2 });
    expect(await finished(youngOnly)).toMatchObject({ status: 'succeeded', rowCount: 1 });
    expect((await csvOf(both)).bytes.toString('utf8')).toContain(oldNumber);
    const filesBefore = await exportFiles();

    // Eleven days on, the older callback is 31 days old: past the 30 days of retention.
    clock.advance(11 * dayMs);
    await t.projector.sweeper.sweep();
    await t.caughtUp();

    expect((await owner.client.get(`/async-searches/${both}`)).body).toMatchObject({
      status: 'expired',
      memo: '全件',
      rowCount: 2,
    });
    const listed = (await owner.client.get('/async-searches')).body.items;
    expect(listed.find((item: { id: string }) => item.id === both)).toMatchObject({ status: 'expired' });
    expect(listed.find((item: { id: string }) => item.id === youngOnly)).toMatchObject({ status: 'succeeded' });
    const refused = await csvOf(both);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.bytes.toString('utf8'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(refused.bytes.toString('utf8')).not.toContain(oldNumber);
    // Its file (and sidecar) left the export store; the other search's file stayed and still downloads.
    const filesAfter = await exportFiles();
    expect(filesAfter.length).toBe(filesBefore.length - 2);
    expect((await csvOf(youngOnly)).bytes.toString('utf8')).toContain(youngNumber);

    // 再実行: the expired search runs again over what retention left.
    const rerun = await owner.client.post(`/async-searches/${both}/retry`);
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ id: both, status: 'pending' });
    expect(await finished(both)).toMatchObject({ status: 'succeeded', rowCount: 1 });
    const again = (await csvOf(both)).bytes.toString('utf8');
    expect(again).toContain(youngNumber);
    expect(again).not.toContain(oldNumber);
    // A succeeded search is not run again.
    expect((await owner.client.post(`/async-searches/${youngOnly}/retry`)).status).toBe(409);
  });

  it('leaves a search alone while its file holds nothing past retention', async () => {
    const id = (await owner.client.post('/async-searches', { criteria: {} })).body.id;
    expect(await finished(id)).toMatchObject({ status: 'succeeded' });
    await t.projector.sweeper.sweep();
    await t.caughtUp();
    expect((await owner.client.get(`/async-searches/${id}`)).body).toMatchObject({ status: 'succeeded' });
    expect((await csvOf(id)).status).toBe(200);
  });
});
