import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Upcaster } from '#kernel';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A toy schema change: an old `MemoEdited` (schema version 0) stored its text as `note`. One upcaster
 * lifts it to today's `memo`, and every reader sees the new shape: the aggregate deciding a command,
 * the projection serving GET /callbacks/{id}, and the history.
 */
const noteToMemo: Upcaster = {
  type: 'MemoEdited',
  fromVersion: 0,
  upgrade: (data) => {
    const { note, ...rest } = data as { callbackId: string; note: string };
    return { ...rest, memo: note };
  },
};

describe('upcasting on every read', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ upcasters: [noteToMemo], exportWorker: false });
    const created = await t.admin.post('/callbacks', registration());
    expect(created.status).toBe(201);
    id = created.body.id;
    // An event as an older release wrote it, straight into the store.
    await t.eventStore.appendToStream(
      `callback-${id}`,
      [
        {
          type: 'MemoEdited',
          data: { callbackId: id, note: '旧形式のメモ' },
          metadata: {
            actor: { id: 'legacy', name: '旧システム', roles: [] },
            occurredAt: '2026-11-20T02:00:00.000Z',
            correlationId: 'legacy',
            causationId: null,
            schemaVersion: 0,
          },
        },
      ],
      { expectedRevision: 0 },
    );
    await t.caughtUp();
  });
  afterAll(() => t.close());

  it('the projection shows the upcast memo', async () => {
    const response = await t.admin.get(`/callbacks/${id}`);
    expect(response.status).toBe(200);
    expect(response.body.memo).toBe('旧形式のメモ');
  });

  it('the history shows the upcast shape', async () => {
    const response = await t.admin.get(`/callbacks/${id}/history`);
    expect(response.status).toBe(200);
    expect(response.body.events[1]).toMatchObject({
      type: 'MemoEdited',
      version: 1,
      data: { callbackId: id, memo: '旧形式のメモ' },
    });
    expect(response.body.events[1].data).not.toHaveProperty('note');
  });

  it('the aggregate decides on the upcast memo: setting the same memo again changes nothing', async () => {
    const response = await t.admin.put(`/callbacks/${id}/memo`, { memo: '旧形式のメモ' });
    expect(response.status).toBe(200);
    expect(response.body.version).toBe(1);
  });
});
