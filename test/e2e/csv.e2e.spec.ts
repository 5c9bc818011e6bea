import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';
import { download, parseCsv, screenHeaders } from '../support/csv-download.js';

const trickyMemo = '佐藤様、「至急」\n"折り返し" 希望, 午後\r\n２回目';
const formulaMemo = '=HYPERLINK("http://evil.example/x","click")';

describe('GET /callbacks.csv', () => {
  let t: TestApp;
  let supervisor: { id: string; token: string; client: HttpClient };
  const ids: Record<string, string> = {};

  const csv = (query = '', token = supervisor.token) =>
    download(t.admin.baseUrl, token, `/callbacks.csv${query ? `?${query}` : ''}`);

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = await t.createAccount(['supervisor']);
    const seed = async (key: string, overrides: Record<string, unknown>, memo?: string) => {
      const { body } = await supervisor.client.post('/callbacks', registration(overrides));
      ids[key] = body.id;
      if (memo !== undefined) await supervisor.client.put(`/callbacks/${body.id}/memo`, { memo });
    };
    await seed('tricky', { requestId: 'CSV-1', registeredAt: '2026-11-20T01:02:03.000Z' }, trickyMemo);
    await seed('formula', { requestId: 'CSV-2', registeredAt: '2026-11-20T02:00:00.000Z' }, formulaMemo);
    await seed('intl', {
      requestId: 'CSV-3',
      registeredAt: '2026-11-20T03:00:00.000Z',
      callerNumber: '+81 3-1234-5678',
    });
    await seed('sjis', { requestId: 'CSV-4', registeredAt: '2026-11-20T04:00:00.000Z' }, '𠮷野家で😀');
    await supervisor.client.post(`/callbacks/${ids.intl}/complete`);
    await t.caughtUp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('downloads UTF-8 with BOM, the screen headers, newest first, Japan time and Japanese status', async () => {
    const response = await csv();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="callbacks_\d{8}_\d{6}\.csv"$/);
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [headers, ...rows] = parseCsv(response.bytes);
    expect(headers).toEqual(screenHeaders);
    expect(rows.map((row) => row[9])).toEqual(['CSV-4', 'CSV-3', 'CSV-2', 'CSV-1']);
    const intl = rows.find((row) => row[0] === ids.intl)!;
    expect(intl.slice(1, 5)).toEqual(['2026-11-20 12:00:00', '2026-11-20 10:02:03', '', '完了']);
    expect(intl[5]).toBe('東京コールセンター');
  });

  it('round-trips Japanese text and a memo with commas, quotes and newlines through a standard parser', async () => {
    const rows = parseCsv((await csv()).bytes);
    expect(rows.find((row) => row[0] === ids.tricky)![11]).toBe(trickyMemo);
    expect(rows.every((row) => row.length === 12)).toBe(true);
  });

  it('neutralises a formula in a memo and writes an international phone number as spreadsheet text', async () => {
    const rows = parseCsv((await csv()).bytes);
    expect(rows.find((row) => row[0] === ids.formula)![11]).toBe(`'${formulaMemo}`);
    expect(rows.find((row) => row[0] === ids.intl)![7]).toBe('="+81312345678"');
  });

  it('writes Shift_JIS on request, replacing what Shift_JIS lacks with a visible 〓', async () => {
    const response = await csv('encoding=shift_jis');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(response.headers.get('content-disposition')).toMatch(/_sjis\.csv"$/);
    expect(response.bytes[0]).not.toBe(0xef);
    const [headers, ...rows] = parseCsv(response.bytes, 'shift_jis');
    expect(headers).toEqual(screenHeaders);
    expect(rows.find((row) => row[0] === ids.tricky)![11]).toBe(trickyMemo);
    expect(rows.find((row) => row[0] === ids.sjis)![11]).toBe('〓野家で〓');
  });

  it('applies the criteria and narrows in the caller’s own columns, like GET /callbacks', async () => {
    expect(
      parseCsv((await csv('requestId=CSV-2')).bytes)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([ids.formula]);
    const narrowed = await csv(`q=${encodeURIComponent('至急')}`);
    expect(
      parseCsv(narrowed.bytes)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([ids.tricky]);

    const noMemo = await t.createAccount(['agent']);
    await noMemo.client.put('/accounts/me/columns', { columns: ['id', 'registeredAt', 'callCenter'] });
    const hidden = await csv(`q=${encodeURIComponent('至急')}`, noMemo.token);
    expect(parseCsv(hidden.bytes)).toEqual([screenHeaders]);
  });

  it('refuses more matches than the search cap with 422 SEARCH_LIMIT_EXCEEDED, and bad input with 400', async () => {
    await t.admin.put('/settings', { searchCap: 3 });
    try {
      const refused = await supervisor.client.get('/callbacks.csv');
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'SEARCH_LIMIT_EXCEEDED', searchCap: 3 });
      expect(refused.body.detail).toContain('async');
      expect((await csv('callCenter=東京コールセンター&status=incomplete')).status).toBe(200);
    } finally {
      await t.admin.put('/settings', { searchCap: 10_000 });
    }
    const bad = await supervisor.client.get('/callbacks.csv?encoding=latin1&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'encoding']);
    expect((await t.anonymous.get('/callbacks.csv')).status).toBe(401);
    const integration = await t.createAccount(['integration']);
    expect((await integration.client.get('/callbacks.csv')).status).toBe(403);
  });
});
