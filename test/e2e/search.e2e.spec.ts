import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

/** The seeded callbacks as the test itself models them: expectations never go through the query code. */
interface Seeded {
  id: string;
  requestId: string;
  registeredAt: string;
  callCenter: string;
  businessLabel: string | null;
  callerNumber: string | null;
  ourNumber: string;
  agent: string | null;
  status: 'incomplete' | 'complete';
  memo: string | null;
}

const centers = ['東京センター', '大阪センター', 'Fukuoka Center'];
const labels = ['製品サポート', '請求', null];
const agents = ['田中', '鈴木', 'Sato', null];
const jstOffsetMs = 9 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm:ss` in Japan time (no daylight saving), as the screen shows it. */
const jst = (iso: string) => new Date(Date.parse(iso) + jstOffsetMs).toISOString().replace('T', ' ').slice(0, 19);
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

function narrowed(keywords: string, c: Seeded): boolean {
  const shown = [
    c.id,
    jst(c.registeredAt),
    c.agent ?? '',
    c.status === 'complete' ? '完了' : '未完了',
    c.callCenter,
    c.businessLabel ?? '',
    c.callerNumber ?? '',
    c.ourNumber,
    c.requestId,
    '',
    c.memo ?? '',
  ].map(fold);
  return fold(keywords)
    .split(/\s+/)
    .filter(Boolean)
    .every((k) => shown.some((column) => column.includes(k)));
}

describe('search over HTTP (projector running)', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = (await t.createAccount(['supervisor'])).client;
    // 48 callbacks, one every 7 hours from 2026-11-01 00:30 JST, so days and both sides of midnight are covered.
    const start = Date.parse('2026-10-31T15:30:00.000Z');
    for (let i = 0; i < 48; i++) {
      const registeredAt = new Date(start + i * 7 * 60 * 60 * 1000).toISOString();
      const body = registration({
        requestId: `REQ-${String(i).padStart(4, '0')}`,
        registeredAt,
        receivedAt: new Date(Date.parse(registeredAt) - 60_000).toISOString(),
        callCenter: centers[i % 3],
        businessLabel: labels[i % 3 === 0 ? 0 : (i % 5) % 3],
        callerNumber: i % 7 === 0 ? null : `090-${String(1000 + i)}-${String(5000 + i)}`,
        ourNumber: i % 2 === 0 ? '0120-000-111' : '03-5555-0000',
      });
      const { body: created } = await supervisor.post('/callbacks', body);
      const c: Seeded = {
        id: created.id,
        requestId: body.requestId as string,
        registeredAt,
        callCenter: body.callCenter as string,
        businessLabel: body.businessLabel as string | null,
        callerNumber: body.callerNumber === null ? null : (body.callerNumber as string).replaceAll('-', ''),
        ourNumber: (body.ourNumber as string).replaceAll('-', ''),
        agent: agents[i % 4],
        status: i % 3 === 1 ? 'complete' : 'incomplete',
        memo: i % 6 === 0 ? `顧客ＡＢＣ様 折り返し${i}` : null,
      };
      if (c.agent) await supervisor.post(`/callbacks/${c.id}/assign`, { agent: c.agent });
      if (c.status === 'complete') await supervisor.post(`/callbacks/${c.id}/complete`);
      if (c.memo) await supervisor.put(`/callbacks/${c.id}/memo`, { memo: c.memo });
      seeded.push(c);
    }
    await t.caughtUp();
  });
  afterAll(() => t.close());

  const newestFirst = (a: Seeded, b: Seeded) => b.registeredAt.localeCompare(a.registeredAt);
  const day = (date: string) => Date.parse(`${date}T00:00:00.000Z`) - jstOffsetMs;

  const cases: Array<[string, Record<string, string>, (c: Seeded) => boolean]> = [
    ['no criteria', {}, () => true],
    ['from (date, JST)', { from: '2026-11-05' }, (c) => Date.parse(c.registeredAt) >= day('2026-11-05')],
    ['to (date, JST, inclusive)', { to: '2026-11-03' }, (c) => Date.parse(c.registeredAt) < day('2026-11-04')],
    [
      'from and to',
      { from: '2026-11-02', to: '2026-11-04' },
      (c) => Date.parse(c.registeredAt) >= day('2026-11-02') && Date.parse(c.registeredAt) < day('2026-11-05'),
    ],
    [
      'from as date-time',
      { from: '2026-11-06T12:00:00+09:00' },
      (c) => Date.parse(c.registeredAt) >= Date.parse('2026-11-06T03:00:00Z'),
    ],
    ['callCenter', { callCenter: '大阪センター' }, (c) => c.callCenter === '大阪センター'],
    ['businessLabel', { businessLabel: '請求' }, (c) => c.businessLabel === '請求'],
    ['agent', { agent: '田中' }, (c) => c.agent === '田中'],
    ['agent - (unassigned)', { agent: '-' }, (c) => c.agent === null],
    ['status complete', { status: 'complete' }, (c) => c.status === 'complete'],
    ['status incomplete', { status: 'incomplete' }, (c) => c.status === 'incomplete'],
    ['callerNumber with hyphens', { callerNumber: '090-1005-5005' }, (c) => c.callerNumber === '09010055005'],
    [
      'callerNumber in full-width digits',
      { callerNumber: '０９０１００５５００５' },
      (c) => c.callerNumber === '09010055005',
    ],
    ['ourNumber', { ourNumber: '03 5555 0000' }, (c) => c.ourNumber === '0355550000'],
    ['requestId', { requestId: 'REQ-0017' }, (c) => c.requestId === 'REQ-0017'],
    [
      'combined',
      { callCenter: '東京センター', status: 'incomplete', from: '2026-11-03' },
      (c) =>
        c.callCenter === '東京センター' && c.status === 'incomplete' && Date.parse(c.registeredAt) >= day('2026-11-03'),
    ],
    [
      'combined with agent -',
      { agent: '-', ourNumber: '0355550000' },
      (c) => c.agent === null && c.ourNumber === '0355550000',
    ],
    ['narrowing, full-width letters', { q: 'ａｂｃ' }, (c) => narrowed('abc', c)],
    ['narrowing, two keywords', { q: '東京 田中' }, (c) => narrowed('東京 田中', c)],
    ['narrowing, full-width digits and status', { q: '０９０ 完了' }, (c) => narrowed('090 完了', c)],
    ['narrowing, full-width space between keywords', { q: '鈴木　請求' }, (c) => narrowed('鈴木 請求', c)],
    ['narrowing by shown date', { q: '2026-11-03' }, (c) => narrowed('2026-11-03', c)],
    [
      'narrowing with criteria',
      { q: '未完了', callCenter: 'Fukuoka Center' },
      (c) => c.callCenter === 'Fukuoka Center' && narrowed('未完了', c),
    ],
    ['nothing matches', { q: 'zzz-no-such-text' }, () => false],
  ];

  it.each(cases)('%s', async (name, criteria, predicate) => {
    const expected = seeded
      .filter(predicate)
      .sort(newestFirst)
      .map((c) => c.id);
    // Every case but the last actually selects something (and all but the first leave something out).
    if (name !== 'nothing matches') expect(expected.length).toBeGreaterThan(0);
    if (name !== 'no criteria') expect(expected.length).toBeLessThan(seeded.length);
    const response = await supervisor.get(`/callbacks?${new URLSearchParams({ ...criteria, pageSize: '200' })}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(expected.length);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(expected);
  });

  it('sorts oldest first on request and pages without gaps or overlaps', async () => {
    const expected = [...seeded]
      .sort(newestFirst)
      .reverse()
      .map((c) => c.id);
    const pages: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const response = await supervisor.get(`/callbacks?sort=registeredAt&pageSize=10&page=${page}`);
      expect(response.body).toMatchObject({ total: 48, page, pageSize: 10 });
      expect(response.body.items).toHaveLength(page === 5 ? 8 : 10);
      pages.push(...response.body.items.map((item: { id: string }) => item.id));
    }
    expect(pages).toEqual(expected);
    const beyond = await supervisor.get('/callbacks?page=6&pageSize=10');
    expect(beyond.body).toMatchObject({ items: [], total: 48, page: 6 });
    expect((await supervisor.get('/callbacks?pageSize=48')).body.items).toHaveLength(48);
    expect((await supervisor.get('/callbacks?pageSize=1&page=48')).body.items[0].id).toBe(expected[0]);
  });

  it.each([
    ['pageSize over 200', 'pageSize=201', 'pageSize'],
    ['page 0', 'page=0', 'page'],
    ['an unknown key', 'colour=red', 'colour'],
    ['a bad status', 'status=done', 'status'],
    ['a bad date', 'from=2026-13-45', 'from'],
    ['a bad sort', 'sort=memo', 'sort'],
    ['a repeated key', 'agent=a&agent=b', 'agent'],
  ])('refuses %s with a 400 naming the field', async (_name, query, field) => {
    const response = await supervisor.get(`/callbacks?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('narrows only over the columns the caller shows', async () => {
    const memoWriter = await t.createAccount(['agent']);
    const target = seeded.find((c) => c.memo)!;
    const withMemo = await memoWriter.client.get(`/callbacks?q=${encodeURIComponent('折り返し')}&pageSize=200`);
    expect(withMemo.body.items.map((i: { id: string }) => i.id)).toContain(target.id);
    await memoWriter.client.put('/accounts/me/columns', { columns: ['id', 'registeredAt', 'status'] });
    const hidden = await memoWriter.client.get(`/callbacks?q=${encodeURIComponent('折り返し')}`);
    expect(hidden.body.total).toBe(0);
  });

  it('shows commands in the detail and the list once projected', async () => {
    const { body: created } = await supervisor.post('/callbacks', registration({ callerNumber: '+81 3-1234-5678' }));
    await supervisor.post(`/callbacks/${created.id}/assign`, { agent: '山田' });
    await supervisor.put(`/callbacks/${created.id}/memo`, { memo: '午後に折り返し' });
    await supervisor.post(`/callbacks/${created.id}/complete`);
    await t.caughtUp();
    const detail = await supervisor.get(`/callbacks/${created.id}`);
    expect(detail.body).toMatchObject({
      id: created.id,
      agent: '山田',
      status: 'complete',
      memo: '午後に折り返し',
      callerNumber: '+81312345678',
      version: 3,
      history: { events: 4 },
    });
    const listed = await supervisor.get(`/callbacks?agent=${encodeURIComponent('山田')}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.id, status: 'complete', version: 3 })]);
    expect((await supervisor.get('/callbacks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses a search matching more rows than the search cap with 422, and answers at the cap', async () => {
    await t.admin.put('/settings', { searchCap: 5 });
    try {
      // The same criteria with `to` at the 6th and at the 5th oldest match: 6 matches, then 5.
      const query = (to: string) =>
        `/callbacks?callCenter=${encodeURIComponent('東京センター')}&status=incomplete&to=${encodeURIComponent(to)}&sort=registeredAt`;
      const oldestFirst = seeded
        .filter((c) => c.callCenter === '東京センター' && c.status === 'incomplete')
        .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
      const sixth = oldestFirst[5].registeredAt;
      const fifth = oldestFirst[4].registeredAt;
      const refused = await supervisor.get(query(sixth));
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('SEARCH_LIMIT_EXCEEDED');
      expect(refused.body.detail).toContain('5');
      expect(refused.body.detail).toContain('async');
      const answered = await supervisor.get(query(fifth));
      expect(answered.status).toBe(200);
      expect(answered.body.total).toBe(5);
    } finally {
      await t.admin.put('/settings', { searchCap: 10000 });
    }
  });

  it('serves statistics to analysts', async () => {
    const analyst = await t.createAccount(['analyst']);
    const stats = await analyst.client.get('/stats/callbacks?groupBy=callCenter');
    expect(stats.status).toBe(200);
    const osaka = stats.body.groups.find((g: { key: string }) => g.key === '大阪センター');
    const expected = seeded.filter((c) => c.callCenter === '大阪センター');
    expect(osaka).toMatchObject({
      registered: expected.length,
      completed: expected.filter((c) => c.status === 'complete').length,
      open: expected.filter((c) => c.status === 'incomplete').length,
      unassigned: expected.filter((c) => c.status === 'incomplete' && c.agent === null).length,
    });
    expect((await analyst.client.get('/stats/callbacks?groupBy=colour')).status).toBe(400);
  });
});
