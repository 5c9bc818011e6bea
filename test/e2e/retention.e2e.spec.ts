import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamNames } from '#domain';
import { ManualClock } from '#runtime';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

const dayMs = 24 * 60 * 60 * 1000;

describe('retention (履歴保持期間)', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  const clock = new ManualClock(new Date());
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * dayMs).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ clock });
    supervisor = (await t.createAccount(['supervisor'])).client;
  });
  afterAll(() => t.close());

  async function isGone(id: string) {
    expect((await supervisor.get(`/callbacks/${id}`)).status).toBe(404);
    expect((await supervisor.get(`/callbacks/${id}/history`)).status).toBe(404);
    expect(await t.eventStore.readStream(streamNames.callback(id))).toEqual([]);
    const listed = await supervisor.get('/callbacks?pageSize=200');
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  }

  it('deletes callbacks older than the retention everywhere, keeps younger ones, and a rebuild brings nothing back', async () => {
    const old = (
      await supervisor.post('/callbacks', registration({ registeredAt: daysAgo(40), receivedAt: daysAgo(40) }))
    ).body.id;
    const young = (
      await supervisor.post('/callbacks', registration({ registeredAt: daysAgo(10), receivedAt: daysAgo(10) }))
    ).body.id;
    await supervisor.post(`/callbacks/${old}/assign`, { agent: '田中' });
    await t.caughtUp();
    expect((await supervisor.get(`/callbacks/${old}`)).status).toBe(200);

    expect((await t.admin.put('/settings', { retentionDays: 30 })).status).toBe(200);
    await t.caughtUp();

    await isGone(old);
    expect((await supervisor.get(`/callbacks/${young}`)).body).toMatchObject({ id: young });
    expect(await t.eventStore.readStream(streamNames.callback(young))).toHaveLength(1);

    // A late command on the deleted callback finds nothing, and a rebuild does not resurrect it.
    expect((await supervisor.post(`/callbacks/${old}/complete`)).status).toBe(404);
    await t.projector.rebuild();
    await t.caughtUp();
    await isGone(old);
    expect((await supervisor.get(`/callbacks/${young}`)).status).toBe(200);
  });

  it('never creates a view for a callback backfilled already past retention', async () => {
    const expired = (
      await supervisor.post('/callbacks', registration({ registeredAt: daysAgo(31), receivedAt: daysAgo(31) }))
    ).body.id;
    await t.caughtUp();
    await isGone(expired);
  });

  it('sweeps as time passes (the clock is injected)', async () => {
    const current = (await supervisor.post('/callbacks', registration())).body.id;
    await t.caughtUp();
    expect((await supervisor.get(`/callbacks/${current}`)).status).toBe(200);
    clock.advance(31 * dayMs);
    expect(await t.projector.sweeper.sweep()).toBeGreaterThanOrEqual(1);
    await isGone(current);
  });
});
