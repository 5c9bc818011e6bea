import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';
import { download, parseCsv } from '../support/csv-download.js';
import { eventually } from '../support/eventually.js';

type Account = { id: string; token: string; client: HttpClient };

describe('asynchronous search (in-process queue)', () => {
  let t: TestApp;
  let owner: Account;
  let other: Account;

  const request = (account: Account, body: Record<string, unknown>) => account.client.post('/async-searches', body);
  const statusOf = async (account: Account, id: string) => (await account.client.get(`/async-searches/${id}`)).body;
  const finished = (account: Account, id: string) =>
    eventually(async () => {
      const search = await statusOf(account, id);
      return ['succeeded', 'failed'].includes(search.status) ? search : undefined;
    }, `async search ${id} finished`);

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.createAccount(['supervisor']);
    other = await t.createAccount(['supervisor']);
    for (let i = 0; i < 6; i++) {
      const memo = i === 2 ? '至急, "折り返し"\n午後' : null;
      const { body } = await owner.client.post(
        '/callbacks',
        registration({
          requestId: `AS-${i}`,
          receivedAt: '2026-11-19T23:00:00.000Z',
          registeredAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
        }),
      );
      expect(body.id).toEqual(expect.any(String));
      if (memo) await owner.client.put(`/callbacks/${body.id}/memo`, { memo });
    }
    await t.caughtUp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('goes pending → processing → succeeded, and its CSV equals the synchronous CSV byte for byte', async () => {
    const created = await request(owner, { criteria: { from: '2026-11-20', q: '至急' }, memo: '月次' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'pending', requestedAt: expect.any(String) });
    const { id } = created.body;

    const done = await finished(owner, id);
    expect(done).toMatchObject({ status: 'succeeded', rowCount: 1, memo: '月次', criteria: { from: '2026-11-20' } });
    const history = await t.eventStore.readStream(`asyncsearch-${id}`);
    expect(history.map((event) => event.type)).toEqual([
      'AsyncSearchRequested',
      'AsyncSearchStarted',
      'AsyncSearchSucceeded',
    ]);

    const file = await download(t.admin.baseUrl, owner.token, `/async-searches/${id}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="async-search_\d{8}_\d{6}\.csv"$/);
    const sync = await download(
      t.admin.baseUrl,
      owner.token,
      `/callbacks.csv?from=2026-11-20&q=${encodeURIComponent('至急')}`,
    );
    expect(file.bytes.equals(sync.bytes)).toBe(true);
    expect(parseCsv(file.bytes)[1][11]).toBe('至急, "折り返し"\n午後');

    await t.caughtUp();
    const list = await owner.client.get('/async-searches');
    expect(list.body.items[0]).toMatchObject({ id, status: 'succeeded', rowCount: 1, memo: '月次' });
  });

  it('holds every row beyond the search cap, in Shift_JIS when asked', async () => {
    await t.admin.put('/settings', { searchCap: 5 });
    try {
      const refused = await owner.client.get('/callbacks.csv');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('SEARCH_LIMIT_EXCEEDED');
      const { body } = await request(owner, { criteria: {}, encoding: 'shift_jis' });
      expect(await finished(owner, body.id)).toMatchObject({ status: 'succeeded', rowCount: 6 });
      const file = await download(t.admin.baseUrl, owner.token, `/async-searches/${body.id}/download`);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
      const rows = parseCsv(file.bytes, 'shift_jis');
      expect(rows.slice(1).map((row) => row[9])).toEqual(['AS-5', 'AS-4', 'AS-3', 'AS-2', 'AS-1', 'AS-0']);
    } finally {
      await t.admin.put('/settings', { searchCap: 10_000 });
    }
  });

  it('refuses bad requests: criteria errors by field, unknown keys, notify without email', async () => {
    const bad = await request(owner, { criteria: { from: 'May', colour: 'red' }, encoding: 'latin1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['criteria.colour', 'encoding']);
    const meaning = await request(owner, { criteria: { from: 'May', status: 'open' } });
    expect(meaning.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'criteria.from',
      'criteria.status',
    ]);
    const notify = await request(owner, { criteria: {}, notify: true });
    expect(notify.status).toBe(422);
    expect(notify.body.code).toBe('EMAIL_NOT_REGISTERED');
  });

  it('keeps the search from any other account, while an admin may read it', async () => {
    const { body } = await request(owner, { criteria: { requestId: 'AS-1' } });
    await finished(owner, body.id);
    await t.caughtUp();
    expect((await other.client.get('/async-searches')).body.items).toEqual([]);
    for (const response of [
      await other.client.get(`/async-searches/${body.id}`),
      await other.client.get(`/async-searches/${body.id}/download`),
      await other.client.post(`/async-searches/${body.id}/retry`),
      await other.client.delete(`/async-searches/${body.id}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await t.admin.get(`/async-searches/${body.id}`)).body).toMatchObject({ id: body.id, status: 'succeeded' });
    expect((await statusOf(owner, body.id)).status).toBe('succeeded');
    const analyst = await t.createAccount(['integration']);
    expect((await analyst.client.get('/async-searches')).status).toBe(403);
  });

  it('retries only a failed search', async () => {
    const { body } = await request(owner, { criteria: {} });
    await finished(owner, body.id);
    const retry = await owner.client.post(`/async-searches/${body.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('INVALID_TRANSITION');
  });
});

describe('the limit of 10 kept searches', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses the 11th one by one; delete frees a place and removes the file', async () => {
    const account = await t.createAccount(['agent']);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await account.client.post('/async-searches', { criteria: {} });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    const eleventh = await account.client.post('/async-searches', { criteria: {} });
    expect(eleventh.status).toBe(422);
    expect(eleventh.body.code).toBe('ASYNC_SEARCH_LIMIT');

    await eventually(async () => (await account.client.get(`/async-searches/${ids[0]}`)).body.status === 'succeeded');
    const fileId = (await t.eventStore.readStream(`asyncsearch-${ids[0]}`)).find(
      (event) => event.type === 'AsyncSearchSucceeded',
    )!.data as { fileId: string };
    expect(await t.blobStore.stat(fileId.fileId)).not.toBeNull();

    expect((await account.client.delete(`/async-searches/${ids[0]}`)).status).toBe(204);
    expect((await account.client.get(`/async-searches/${ids[0]}/download`)).status).toBe(404);
    expect((await account.client.get(`/async-searches/${ids[0]}`)).status).toBe(404);
    expect(await t.blobStore.stat(fileId.fileId)).toBeNull();
    await t.caughtUp();
    expect((await account.client.get('/async-searches')).body.items.map((i: { id: string }) => i.id)).not.toContain(
      ids[0],
    );
    expect((await account.client.post('/async-searches', { criteria: {} })).status).toBe(201);
    expect((await account.client.post('/async-searches', { criteria: {} })).status).toBe(422);
  });

  it('lets exactly 10 of 11 simultaneous requests through', async () => {
    const account = await t.createAccount(['agent']);
    const responses = await Promise.all(
      Array.from({ length: 11 }, () => account.client.post('/async-searches', { criteria: {} })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(10).fill(201), 422]);
    expect(responses.find((response) => response.status === 422)!.body.code).toBe('ASYNC_SEARCH_LIMIT');
    await t.caughtUp();
    expect((await account.client.get('/async-searches')).body.items).toHaveLength(10);
  });
});
