import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';
import type { HttpClient } from '../support/http-client.js';

describe('rebuild under live traffic', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = (await t.createAccount(['supervisor'])).client;
    for (let i = 0; i < 300; i++) {
      const { body } = await supervisor.post('/callbacks', registration({ callCenter: `center ${i % 4}` }));
      ids.push(body.id);
      if (i % 2) await supervisor.post(`/callbacks/${body.id}/assign`, { agent: `agent ${i % 5}` });
    }
    await t.caughtUp();
  });
  afterAll(() => t.close());

  it('keeps answering searches during the rebuild and ends with views equal to the live ones', async () => {
    let rebuilding = true;
    const searchStatuses: number[] = [];
    const traffic = (async () => {
      let i = 0;
      while (rebuilding) {
        const id = ids[i++ % ids.length];
        await supervisor.put(`/callbacks/${id}/memo`, { memo: `rebuild traffic ${i}` });
        if (i % 10 === 0) await supervisor.post('/callbacks', registration());
        searchStatuses.push((await supervisor.get('/callbacks?callCenter=center%201&pageSize=5')).status);
      }
    })();
    const rebuilt = await t.projector.rebuild();
    rebuilding = false;
    await traffic;
    await t.caughtUp();

    expect(rebuilt.events).toBeGreaterThan(0);
    expect(searchStatuses.length).toBeGreaterThan(0);
    expect(searchStatuses.every((status) => status === 200)).toBe(true);

    // The swapped-in views, kept up to date live since, equal a fresh replay of everything.
    const live = await t.readStore.digest();
    await t.projector.rebuild();
    expect(await t.readStore.digest()).toBe(live);
    const total = (await supervisor.get('/callbacks?pageSize=1')).body.total;
    expect(total).toBe(await t.readStore.ports.callbackSearch.count({}));
  });
});
