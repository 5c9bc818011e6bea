import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

describe('bad input gets a clear 4xx problem and changes nothing', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  let callbackId: string;

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = (await t.createAccount(['supervisor'])).client;
    callbackId = (await supervisor.post('/callbacks', registration())).body.id;
  });
  afterAll(() => t.close());

  async function expectNothingAppended(action: () => Promise<unknown>) {
    const before = await t.eventStore.headPosition();
    await action();
    expect(await t.eventStore.headPosition()).toBe(before);
  }

  it('refuses a memo of 1,001 characters and accepts 1,000', async () => {
    await expectNothingAppended(async () => {
      const response = await supervisor.put(`/callbacks/${callbackId}/memo`, { memo: 'あ'.repeat(1001) });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, title: expect.any(String) });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'memo' })]);
    });
    expect((await supervisor.put(`/callbacks/${callbackId}/memo`, { memo: '😀'.repeat(1000) })).status).toBe(200);
  });

  it.each([
    ['an unknown field', { ...registration(), colour: 'red' }, 'colour'],
    ['a wrong type', { ...registration(), callCenter: 42 }, 'callCenter'],
    ['a missing field', { ...registration(), ourNumber: undefined }, 'ourNumber'],
    ['a future receivedAt', registration({ receivedAt: '2099-01-01T00:00:00Z' }), 'receivedAt'],
    ['an invalid phone number', registration({ callerNumber: 'call me' }), 'callerNumber'],
    ['a date without time', registration({ receivedAt: '2026-11-20' }), 'receivedAt'],
  ])('refuses a registration with %s, naming the field', async (_case, body, field) => {
    await expectNothingAppended(async () => {
      const response = await supervisor.post('/callbacks', body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  it('refuses malformed JSON', async () => {
    await expectNothingAppended(async () => {
      const response = await supervisor.post('/callbacks', undefined, { rawBody: '{"requestId": "x",' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  it('refuses a body that is not an object', async () => {
    const response = await supervisor.post('/callbacks', ['not', 'an', 'object']);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an oversized body with 413', async () => {
    await expectNothingAppended(async () => {
      const response = await supervisor.put(`/callbacks/${callbackId}/memo`, undefined, {
        rawBody: JSON.stringify({ memo: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await supervisor.post('/callbacks', undefined, {
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a malformed If-Match', async () => {
    const response = await supervisor.post(
      `/callbacks/${callbackId}/assign`,
      { agent: 'x' },
      { headers: { 'if-match': 'yesterday' } },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('If-Match');
  });

  it.each(['assign', 'unassign', 'complete', 'reopen'])(
    'answers 404 for %s on an unknown callback',
    async (command) => {
      const body = command === 'assign' ? { agent: '田中' } : undefined;
      const response = await supervisor.post(`/callbacks/7b3c1f5e-0c4d-4e3a-9f1b-2a5d6c7e8f90/${command}`, body);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    },
  );

  it('answers 404 for a malformed id and an unknown route', async () => {
    expect((await supervisor.put('/callbacks/not-an-id/memo', { memo: 'x' })).body.code).toBe('NOT_FOUND');
    const unknown = await supervisor.get('/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('echoes a correlation id', async () => {
    const response = await supervisor.get('/accounts/me', { headers: { 'x-correlation-id': 'trace-123' } });
    expect(response.headers.get('x-correlation-id')).toBe('trace-123');
  });
});
