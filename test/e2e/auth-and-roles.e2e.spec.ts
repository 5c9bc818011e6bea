import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { roles } from '#domain';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

type Route = {
  name: string;
  allowed: string[];
  call: (client: HttpClient, callbackId: string) => Promise<{ status: number }>;
};

/** The matrix of api.md "Accounts and auth", one row per command route. */
const commandRoutes: Route[] = [
  {
    name: 'register',
    allowed: ['integration', 'supervisor', 'admin'],
    call: (c) => c.post('/callbacks', registration()),
  },
  {
    name: 'assign',
    allowed: ['agent', 'supervisor', 'admin'],
    call: (c, id) => c.post(`/callbacks/${id}/assign`, { agent: '田中' }),
  },
  { name: 'unassign', allowed: ['agent', 'supervisor', 'admin'], call: (c, id) => c.post(`/callbacks/${id}/unassign`) },
  { name: 'complete', allowed: ['agent', 'supervisor', 'admin'], call: (c, id) => c.post(`/callbacks/${id}/complete`) },
  { name: 'reopen', allowed: ['agent', 'supervisor', 'admin'], call: (c, id) => c.post(`/callbacks/${id}/reopen`) },
  {
    name: 'memo',
    allowed: ['agent', 'supervisor', 'admin'],
    call: (c, id) => c.put(`/callbacks/${id}/memo`, { memo: 'm' }),
  },
  { name: 'history', allowed: ['supervisor', 'auditor', 'admin'], call: (c, id) => c.get(`/callbacks/${id}/history`) },
  { name: 'settings (read)', allowed: ['admin'], call: (c) => c.get('/settings') },
  { name: 'settings (change)', allowed: ['admin'], call: (c) => c.put('/settings', { searchCap: 10000 }) },
  { name: 'create account', allowed: ['admin'], call: (c) => c.post('/accounts', { name: 'x', roles: ['agent'] }) },
];

describe('authentication and the role matrix', () => {
  let t: TestApp;
  const clients = new Map<string, HttpClient>();
  let callbackId: string;

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of roles) clients.set(role, (await t.createAccount([role], `${role} user`)).client);
    callbackId = (await t.admin.post('/callbacks', registration())).body.id;
  });
  afterAll(() => t.close());

  it('answers 401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    const none = await t.anonymous.post('/callbacks', registration());
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const unknown = await t.anonymous.get('/accounts/me', { token: 'oks_not-a-real-token' });
    expect(unknown.status).toBe(401);
  });

  for (const route of commandRoutes) {
    for (const role of roles) {
      const allowed = route.allowed.includes(role);
      it(`${route.name} is ${allowed ? 'allowed' : 'denied'} for ${role}`, async () => {
        const response = await route.call(clients.get(role)!, callbackId);
        if (allowed) expect([200, 201]).toContain(response.status);
        else expect(response.status).toBe(403);
      });
    }
  }

  it('lets every role read its own profile and columns', async () => {
    for (const role of roles) {
      const me = await clients.get(role)!.get('/accounts/me');
      expect(me.body).toMatchObject({ roles: [role], email: null, displayTimeZone: 'Asia/Tokyo' });
    }
  });

  it('keeps column choices per account, receivedAt hidden by default', async () => {
    const agent = clients.get('agent')!;
    const initial = await agent.get('/accounts/me/columns');
    expect(initial.body.columns).not.toContain('receivedAt');
    expect(initial.body.columns[0]).toBe('id');
    const chosen = await agent.put('/accounts/me/columns', { columns: ['memo', 'receivedAt', 'id'] });
    expect(chosen.body.columns).toEqual(['memo', 'receivedAt', 'id']);
    expect((await agent.get('/accounts/me/columns')).body.columns).toEqual(['memo', 'receivedAt', 'id']);
    expect((await agent.put('/accounts/me/columns', { columns: ['colour'] })).status).toBe(400);
  });

  it('registers and clears an email', async () => {
    const analyst = clients.get('analyst')!;
    expect((await analyst.patch('/accounts/me', { email: 'analyst@example.jp' })).body.email).toBe(
      'analyst@example.jp',
    );
    expect((await analyst.patch('/accounts/me', { email: 'not an email' })).status).toBe(400);
    expect((await analyst.patch('/accounts/me', { email: null })).body.email).toBeNull();
  });

  it('shows a new account token once and stores only its hash', async () => {
    const created = await t.admin.post('/accounts', {
      name: '監査 太郎',
      roles: ['auditor'],
      email: 'kansa@example.jp',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '監査 太郎',
      roles: ['auditor'],
      email: 'kansa@example.jp',
      token: expect.any(String),
    });
    const all = [];
    for await (const event of t.eventStore.readAll()) all.push(JSON.stringify(event.data));
    expect(all.join('\n')).not.toContain(created.body.token);
  });

  it('refuses an account with an unknown role', async () => {
    const response = await t.admin.post('/accounts', { name: 'x', roles: ['wizard'] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toMatch(/^roles/);
  });

  it('changes settings as admin and rejects bad values', async () => {
    const changed = await t.admin.put('/settings', { retentionDays: 30, searchCap: 5 });
    expect(changed.body).toMatchObject({
      retentionDays: 30,
      searchCap: 5,
      recordingCap: 200,
      bulkRecordingDownload: false,
    });
    expect((await t.admin.get('/settings')).body).toMatchObject({ retentionDays: 30, searchCap: 5 });
    const bad = await t.admin.put('/settings', { retentionDays: -1, searchCap: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['retentionDays', 'searchCap']);
    const wrongType = await t.admin.put('/settings', { bulkRecordingDownload: 'yes' });
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'bulkRecordingDownload' })]);
    expect((await t.admin.get('/settings')).body).toMatchObject({ retentionDays: 30, searchCap: 5 });
  });

  it('serves /health and the OpenAPI document without a token', async () => {
    expect((await t.anonymous.get('/health')).body).toMatchObject({
      status: 'up',
      dependencies: { eventStore: { status: 'up' } },
    });
    const docs = await t.anonymous.get('/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/callbacks', '/callbacks/{id}/assign', '/settings']),
    );
    expect((await t.anonymous.get('/docs')).status).toBe(200);
  });
});
