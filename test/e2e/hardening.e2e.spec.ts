import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import type { HttpClient, HttpResponse } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/** The defects a black-box probe of the API found (issue 14 §6), each as the behaviour a client must see. */

function expectProblem(response: HttpResponse, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, title: expect.any(String), code: code ?? expect.any(String) });
  expect(response.body.code).toMatch(/^[A-Z][A-Z_]+$/);
}

/** A request sent as raw bytes of a path (fetch would re-encode it), answered as an HttpResponse. */
function rawRequest(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const type = String(res.headers['content-type'] ?? '');
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          body: type.includes('json') && text ? JSON.parse(text) : text,
          text,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hardening: what the probe found', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  let callbackId: string;

  beforeAll(async () => {
    t = await startTestApp({ exportWorker: false });
    supervisor = (await t.createAccount(['supervisor'])).client;
    callbackId = (await supervisor.post('/callbacks', registration())).body.id;
  });
  afterAll(() => t.close());

  async function expectNothingAppended(action: () => Promise<unknown>) {
    await t.caughtUp();
    const before = await t.eventStore.headPosition();
    await action();
    expect(await t.eventStore.headPosition()).toBe(before);
  }

  it.each([
    ['/callbacks', 'to=9999-12-31', 'to'],
    ['/callbacks', 'from=0000-01-01', 'from'],
    ['/callbacks', 'from=0099-12-31T00:00:00Z', 'from'],
    ['/callbacks.csv', 'to=9999-12-31', 'to'],
    ['/callbacks.csv', 'from=0050-06-01', 'from'],
    ['/stats/callbacks', 'to=9999-12-31', 'to'],
    ['/stats/callbacks', 'from=0000-01-01', 'from'],
    ['/stats/callbacks', 'to=2101-01-01T00:00:00Z', 'to'],
  ])('answers %s?%s with 400 VALIDATION_FAILED naming %s', async (path, query, field) => {
    const response = await supervisor.get(`${path}?${query}`);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('refuses an async search whose period leaves the years 2000–2100, naming the criterion', async () => {
    await expectNothingAppended(async () => {
      const response = await supervisor.post('/async-searches', { criteria: { from: '0001-01-01', to: '9999-12-31' } });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'criteria.from',
        'criteria.to',
      ]);
    });
  });

  it('refuses from after to on /stats/callbacks as on /callbacks', async () => {
    const query = 'from=2026-11-20&to=2026-11-01';
    expectProblem(await supervisor.get(`/callbacks?${query}`), 400, 'VALIDATION_FAILED');
    const stats = await supervisor.get(`/stats/callbacks?${query}`);
    expectProblem(stats, 400, 'VALIDATION_FAILED');
    expect(stats.body.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
  });

  it('refuses 10,000 levels of JSON nesting with 400 on every JSON route', async () => {
    const nested = '['.repeat(10_000) + ']'.repeat(10_000);
    const routes: [string, string][] = [
      ['POST', '/callbacks'],
      ['POST', `/callbacks/${callbackId}/assign`],
      ['PUT', `/callbacks/${callbackId}/memo`],
      ['POST', '/accounts'],
      ['PATCH', '/accounts/me'],
      ['PUT', '/accounts/me/columns'],
      ['PUT', '/settings'],
      ['POST', '/async-searches'],
    ];
    await expectNothingAppended(async () => {
      for (const [method, path] of routes) {
        const response = await t.admin.request(method, path, undefined, { rawBody: nested });
        expectProblem(response, 400, 'VALIDATION_FAILED');
      }
    });
  });

  it('refuses invalid UTF-8 in a JSON body with 400 and stores nothing', async () => {
    const body = Buffer.concat([
      Buffer.from(JSON.stringify(registration()).slice(0, -1)),
      Buffer.from(',"callerNumber":"03-1234-5678","businessLabel":"'),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from('"}'),
    ]);
    await expectNothingAppended(async () => {
      expectProblem(await supervisor.post('/callbacks', undefined, { rawBody: body }), 400, 'VALIDATION_FAILED');
    });
  });

  it('answers an over-long path with a problem+json 414 carrying a stable code', async () => {
    const first = await supervisor.get(`/callbacks/${'a'.repeat(5_000)}`);
    expectProblem(first, 414);
    const second = await supervisor.get(`/async-searches/${'b'.repeat(5_000)}`);
    expect(second.body.code).toBe(first.body.code);
  });

  it('answers a bad URL encoding with a problem+json 400 carrying a stable code', async () => {
    const headers = { authorization: `Bearer ${t.adminToken}` };
    const first = await rawRequest(t.admin.baseUrl, '/callbacks/%E0%A4%A', headers);
    expectProblem(first, 400);
    const second = await rawRequest(t.admin.baseUrl, '/callbacks?q=%FF%', headers);
    expectProblem(second, 400, first.body.code);
  });

  it('answers over-large headers with a problem+json 431 carrying a stable code', async () => {
    const response = await rawRequest(t.admin.baseUrl, '/health', { 'x-filler': 'x'.repeat(64 * 1024) });
    expectProblem(response, 431);
  });

  it('puts only the path in a problem instance, never the query string', async () => {
    const response = await t.anonymous.get('/callbacks?access_token=secret-token-value&from=yesterday');
    expectProblem(response, 401, 'UNAUTHENTICATED');
    expect(response.text).not.toContain('secret-token-value');
    expect(response.body.instance).toBe('/callbacks');
    const invalid = await supervisor.get('/callbacks?from=yesterday&q=private-words');
    expect(invalid.body.instance).toBe('/callbacks');
  });

  it('refuses a malformed If-Match on POST /callbacks like on every other command', async () => {
    const other = await supervisor.post(`/callbacks/${callbackId}/complete`, undefined, {
      headers: { 'if-match': 'not-a-version' },
    });
    expectProblem(other, 400, 'VALIDATION_FAILED');
    await expectNothingAppended(async () => {
      const response = await supervisor.post('/callbacks', registration(), {
        headers: { 'if-match': 'not-a-version' },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['If-Match']);
    });
  });

  it('sends the security headers on every response', async () => {
    const responses = [
      await t.anonymous.get('/health'),
      await supervisor.get('/callbacks'),
      await supervisor.get('/callbacks/not-there'),
      await t.anonymous.get('/'),
      await t.anonymous.get('/ui/'),
      await supervisor.get('/callbacks.csv'),
    ];
    for (const response of responses) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBeTruthy();
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src/);
      expect(/frame-ancestors/.test(csp) || response.headers.get('x-frame-options') !== null).toBe(true);
    }
  });

  it('sends HSTS when the public base URL is https', async () => {
    const secure = await startTestApp({
      exportWorker: false,
      env: { PUBLIC_BASE_URL: 'https://callbacks.example.jp' },
    });
    try {
      expect((await secure.anonymous.get('/health')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
    // and not over plain http, where a browser would ignore it anyway
    expect((await t.anonymous.get('/health')).headers.get('strict-transport-security')).toBeNull();
  });
});
