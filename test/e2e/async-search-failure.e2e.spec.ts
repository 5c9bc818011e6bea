import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InProcessExportQueue } from '#infra';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';

describe('an asynchronous search that fails', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ dispatchQueue: new InProcessExportQueue({ attempts: 3, backoffMs: 20 }) });
    await t.admin.post('/callbacks', registration());
    await t.caughtUp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('ends failed with a reason after the last attempt, cannot be downloaded, and succeeds when retried', async () => {
    // A file where the exports directory should be: every attempt to store the CSV fails for real.
    const exportsDir = path.join(t.dataDir, 'exports');
    await writeFile(exportsDir, 'not a directory');
    const { body } = await t.admin.post('/async-searches', { criteria: {}, memo: '再実行テスト' });

    const failed = await eventually(async () => {
      const search = (await t.admin.get(`/async-searches/${body.id}`)).body;
      return search.status === 'failed' ? search : undefined;
    }, 'failed');
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/EEXIST|ENOTDIR/) });
    const started = (await t.eventStore.readStream(`asyncsearch-${body.id}`)).filter(
      (event) => event.type === 'AsyncSearchStarted',
    );
    expect(started.map((event) => (event.data as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    const download = await t.admin.get(`/async-searches/${body.id}/download`);
    expect(download.status).toBe(409);
    expect(download.body.code).toBe('INVALID_TRANSITION');

    await rm(exportsDir);
    const retried = await t.admin.post(`/async-searches/${body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: body.id, status: 'pending' });
    await eventually(async () => (await t.admin.get(`/async-searches/${body.id}`)).body.status === 'succeeded');
    expect((await t.admin.get(`/async-searches/${body.id}/download`)).status).toBe(200);
  });
});

describe('an asynchronous search no worker has taken yet', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ exportWorker: false });
  });

  afterAll(async () => {
    await t.close();
  });

  it('stays pending; download is 409 INVALID_TRANSITION; delete still works', async () => {
    const { body } = await t.admin.post('/async-searches', { criteria: {} });
    await t.caughtUp();
    expect((await t.admin.get('/async-searches')).body.items).toEqual([
      expect.objectContaining({ id: body.id, status: 'pending' }),
    ]);
    const download = await t.admin.get(`/async-searches/${body.id}/download`);
    expect(download.status).toBe(409);
    expect(download.body.code).toBe('INVALID_TRANSITION');
    expect((await t.admin.post(`/async-searches/${body.id}/retry`)).status).toBe(409);
    expect((await t.admin.delete(`/async-searches/${body.id}`)).status).toBe(204);
    expect((await t.admin.delete(`/async-searches/${body.id}`)).status).toBe(404);
  });
});
