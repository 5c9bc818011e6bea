import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/** What the search form offers (GET /callbacks/choices) and the zone the screen shows times in. */
describe('choices for the search form, display time zone', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DISPLAY_TIME_ZONE: 'Asia/Seoul' }, exportWorker: false });
  });
  afterAll(() => t.close());

  it('lists nothing before any callback exists', async () => {
    const response = await t.admin.get('/callbacks/choices');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ callCenters: [], businessLabels: [], agents: [] });
  });

  it('lists each call center, business label and assigned agent once, as the views hold them', async () => {
    const ids: string[] = [];
    for (const overrides of [
      { callCenter: '東京コールセンター', businessLabel: '製品サポート' },
      { callCenter: '大阪コールセンター', businessLabel: '請求' },
      { callCenter: '東京コールセンター', businessLabel: null },
    ]) {
      ids.push((await t.admin.post('/callbacks', registration(overrides))).body.id);
    }
    await t.admin.post(`/callbacks/${ids[0]}/assign`, { agent: '佐藤' });
    await t.admin.post(`/callbacks/${ids[1]}/assign`, { agent: '鈴木' });
    await t.admin.post(`/callbacks/${ids[1]}/unassign`);
    await t.caughtUp();

    const analyst = (await t.createAccount(['analyst'])).client;
    expect((await analyst.get('/callbacks/choices')).body).toEqual({
      callCenters: ['大阪コールセンター', '東京コールセンター'],
      businessLabels: ['製品サポート', '請求'],
      agents: ['佐藤'],
    });
  });

  it('tells the screen the configured display time zone', async () => {
    const me = await t.admin.get('/accounts/me');
    expect(me.body.displayTimeZone).toBe('Asia/Seoul');
  });
});
