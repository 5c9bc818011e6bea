import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/** Inputs a client might send by mistake or on purpose; none may produce a 5xx. */
const hostileValues: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  ' ',
  'x'.repeat(20_000),
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  '=cmd|" /C calc"!A0',
  '２０２６－１１－２０',
  [],
  ['a'],
  {},
  { nested: { deeper: [1, 2, 3] } },
];

const hostileQueries = [
  'from=yesterday',
  'to=2026-02-30',
  'from=2026-12-01&to=2026-01-01',
  'page=-1',
  'page=1e3',
  'pageSize=abc',
  'sort=__proto__',
  'status=',
  'callerNumber=%00',
  'q=%F0%9F%98%80',
  `q=${'あ'.repeat(2_000)}`,
  '__proto__[x]=1',
  'constructor=1',
  'groupBy=__proto__',
];

describe('no input a client can send produces a server error', () => {
  let t: TestApp;
  let callbackId: string;

  beforeAll(async () => {
    t = await startTestApp();
    callbackId = (await t.admin.post('/callbacks', registration())).body.id;
  });
  afterAll(() => t.close());

  const bodies = () => [
    ...hostileValues,
    ...hostileValues.map((value) => ({ ...registration(), requestId: value })),
    ...hostileValues.map((value) => ({ ...registration(), receivedAt: value, registeredAt: value })),
    ...hostileValues.map((value) => ({ agent: value, memo: value, email: value, columns: value, roles: value })),
    ...hostileValues.map((value) => ({ criteria: value, memo: value, notify: value, encoding: value })),
    ...hostileValues.map((value) => ({ retentionDays: value, searchCap: value, expectedVersion: value })),
    { __proto__: { polluted: true }, requestId: 'x' },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ];

  const writeRoutes = () => [
    ['POST', '/callbacks'],
    ['POST', `/callbacks/${callbackId}/assign`],
    ['POST', `/callbacks/${callbackId}/complete`],
    ['PUT', `/callbacks/${callbackId}/memo`],
    ['POST', '/accounts'],
    ['PATCH', '/accounts/me'],
    ['PUT', '/accounts/me/columns'],
    ['PUT', '/settings'],
    ['POST', '/async-searches'],
  ];

  it('answers every hostile body with a 4xx problem (or success) and never 5xx', async () => {
    const statuses = new Map<number, number>();
    for (const [method, path] of writeRoutes()) {
      for (const body of bodies()) {
        const response = await t.admin.request(method, path, body, {});
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect({ method, path, body, status: response.status < 500 ? 'ok' : response.text }).toEqual(
          expect.objectContaining({ status: 'ok' }),
        );
        if (response.status >= 400) expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect(statuses.get(400)).toBeGreaterThan(0);
    // Nothing polluted the prototype of plain objects along the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['/callbacks', '/callbacks.csv', '/stats/callbacks', '/async-searches'])(
    'answers hostile query strings on %s with 4xx',
    async (path) => {
      for (const query of hostileQueries) {
        const response = await t.admin.get(`${path}?${query}`);
        expect({ query, status: response.status < 500 ? 'ok' : response.text }).toEqual({ query, status: 'ok' });
      }
    },
  );

  it.each([
    '/callbacks/%00',
    '/callbacks/..%2F..%2Fetc',
    `/callbacks/${'a'.repeat(5_000)}`,
    '/async-searches/not-an-id',
    '/async-searches/00000000-0000-4000-8000-000000000000/download',
  ])('answers a hostile path (%#) with 4xx', async (path) => {
    const response = await t.admin.get(path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers hostile headers with 4xx', async () => {
    const hostileHeaders: Record<string, string>[] = [
      { authorization: 'Bearer' },
      { authorization: `Bearer ${'x'.repeat(10_000)}` },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { 'if-match': '"-1"' },
      { 'if-match': '"99999999999999999999"' },
      { 'content-type': 'application/json; charset=shift_jis' },
    ];
    for (const headers of hostileHeaders) {
      const response = await t.anonymous.post(
        `/callbacks/${callbackId}/assign`,
        { agent: 'x' },
        { headers, token: null },
      );
      expect({ headers, status: response.status < 500 ? 'ok' : response.text }).toEqual({ headers, status: 'ok' });
    }
  });
});
