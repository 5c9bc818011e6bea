import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamNames } from '#domain';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

describe('callback commands over HTTP', () => {
  let t: TestApp;
  let integration: HttpClient;
  let supervisor: HttpClient;

  beforeAll(async () => {
    t = await startTestApp();
    integration = (await t.createAccount(['integration'])).client;
    supervisor = (await t.createAccount(['supervisor'], 'Sato')).client;
  });
  afterAll(() => t.close());

  const eventsOf = async (id: string) => t.eventStore.readStream(streamNames.callback(id));

  describe('registration is idempotent per requestId', () => {
    it('answers 201 with version 0, then 200 with the same id for the same call', async () => {
      const body = registration();
      const first = await integration.post('/callbacks', body);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String), version: 0 });

      const retry = await integration.post('/callbacks', body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ id: first.body.id, version: 0 });
      expect(await eventsOf(first.body.id)).toHaveLength(1);
    });

    it('refuses the same requestId with other data as DUPLICATE_REQUEST', async () => {
      const body = registration();
      const first = await integration.post('/callbacks', body);
      const other = await integration.post('/callbacks', { ...body, callCenter: '大阪コールセンター' });
      expect(other.status).toBe(409);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
      expect(other.body.code).toBe('DUPLICATE_REQUEST');
      expect(await eventsOf(first.body.id)).toHaveLength(1);
    });

    it('creates exactly one stream and one 201 for 50 concurrent registrations of one call', async () => {
      const body = registration();
      const responses = await Promise.all(Array.from({ length: 50 }, () => integration.post('/callbacks', body)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await eventsOf(responses[0].body.id)).toHaveLength(1);
    });

    it('normalises phone numbers given with hyphens or full-width digits', async () => {
      const body = registration({ callerNumber: '＋８１　３－１２３４－５６７８', ourNumber: '0120-000-111' });
      const created = await integration.post('/callbacks', body);
      const [registered] = await eventsOf(created.body.id);
      expect(registered.data).toMatchObject({ callerNumber: '+81312345678', ourNumber: '0120000111' });
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses a stale If-Match with VERSION_CONFLICT and appends nothing', async () => {
      const { body: created } = await integration.post('/callbacks', registration());
      const assigned = await supervisor.post(
        `/callbacks/${created.id}/assign`,
        { agent: '田中' },
        { headers: { 'if-match': '"0"' } },
      );
      expect(assigned.status).toBe(200);
      expect(assigned.body).toEqual({ id: created.id, version: 1 });
      expect(assigned.headers.get('etag')).toBe('"1"');

      const stale = await supervisor.post(
        `/callbacks/${created.id}/assign`,
        { agent: '鈴木' },
        { headers: { 'if-match': '"0"' } },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const staleBody = await supervisor.post(`/callbacks/${created.id}/complete`, { expectedVersion: 0 });
      expect(staleBody.body.code).toBe('VERSION_CONFLICT');
      expect(await eventsOf(created.id)).toHaveLength(2);
    });

    it('lets exactly one of 20 concurrent assigns with the same If-Match succeed', async () => {
      const { body: created } = await integration.post('/callbacks', registration());
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          supervisor.post(
            `/callbacks/${created.id}/assign`,
            { agent: `agent ${i}` },
            { headers: { 'if-match': '"0"' } },
          ),
        ),
      );
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409 && r.body.code === 'VERSION_CONFLICT')).toHaveLength(19);
      expect(await eventsOf(created.id)).toHaveLength(2);
    });

    it('runs each command and skips the ones that would change nothing', async () => {
      const { body: created } = await integration.post('/callbacks', registration());
      const path = `/callbacks/${created.id}`;
      expect((await supervisor.post(`${path}/assign`, { agent: '田中' })).body.version).toBe(1);
      expect((await supervisor.post(`${path}/assign`, { agent: '田中' })).body.version).toBe(1);
      expect((await supervisor.post(`${path}/complete`)).body.version).toBe(2);
      expect((await supervisor.post(`${path}/complete`)).body.version).toBe(2);
      expect((await supervisor.post(`${path}/reopen`)).body.version).toBe(3);
      expect((await supervisor.put(`${path}/memo`, { memo: '折り返し希望: 午後' })).body.version).toBe(4);
      expect((await supervisor.put(`${path}/memo`, { memo: '' })).body.version).toBe(5);
      expect((await supervisor.post(`${path}/unassign`)).body.version).toBe(6);
      expect((await eventsOf(created.id)).map((e) => e.type)).toEqual([
        'CallbackRegistered',
        'AgentAssigned',
        'CallbackCompleted',
        'CallbackReopened',
        'MemoEdited',
        'MemoEdited',
        'AgentUnassigned',
      ]);
    });
  });

  describe('history', () => {
    it('lists every event in order with type, version, time and actor', async () => {
      const { body: created } = await integration.post('/callbacks', registration());
      await supervisor.post(`/callbacks/${created.id}/assign`, { agent: '田中' });
      await supervisor.put(`/callbacks/${created.id}/memo`, { memo: 'メモ' });
      const history = await supervisor.get(`/callbacks/${created.id}/history`);
      expect(history.status).toBe(200);
      expect(history.body.events).toEqual([
        expect.objectContaining({
          type: 'CallbackRegistered',
          version: 0,
          actor: expect.objectContaining({ roles: ['integration'] }),
        }),
        expect.objectContaining({
          type: 'AgentAssigned',
          version: 1,
          data: expect.objectContaining({ agent: '田中' }),
        }),
        expect.objectContaining({ type: 'MemoEdited', version: 2, actor: expect.objectContaining({ name: 'Sato' }) }),
      ]);
      for (const event of history.body.events) expect(Date.parse(event.occurredAt)).not.toBeNaN();
    });

    it('answers 404 for an unknown callback', async () => {
      const history = await supervisor.get('/callbacks/00000000-0000-4000-8000-000000000000/history');
      expect(history.status).toBe(404);
      expect(history.body.code).toBe('NOT_FOUND');
    });
  });
});
