import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LiveEventHubLifecycle } from '#hosts';
import { ManualClock } from '#runtime';
import { BrowserSession } from '../support/browser-session.js';
import { eventually } from '../support/eventually.js';
import { SseReader, stalledSseSocket } from '../support/sse-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const password = 'live events passphrase';
const maxBufferedBytes = 256 * 1024;

describe('GET /events: live changes as Server-Sent Events', () => {
  let t: TestApp;
  let owner: BrowserSession;
  let other: { id: string; token: string };
  const open: SseReader[] = [];
  const events = async (headers: Record<string, string>) => {
    const reader = await SseReader.open(`${t.admin.baseUrl}/events`, headers);
    open.push(reader);
    return reader;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { LIVE_STREAMS_PER_ACCOUNT: '3' }, liveEvents: { pollMs: 20, maxBufferedBytes } });
    await t.admin.post('/accounts', { name: 'Owner', roles: ['supervisor'], password });
    owner = new BrowserSession(t.anonymous);
    expect((await owner.signIn('owner', password)).status).toBe(204);
    other = await t.createAccount(['supervisor'], 'Other');
  });
  afterAll(async () => {
    for (const reader of open) reader.close();
    await t.close();
  });

  it('delivers pending, processing, succeeded of an async search to its owner (by cookie) and nothing to another account', async () => {
    const mine = await events({ cookie: owner.cookieHeader() });
    const theirs = await events({ authorization: `Bearer ${other.token}` });
    expect(mine.status).toBe(200);
    expect(mine.headers?.get('content-type')).toContain('text/event-stream');
    const created = await owner.send('POST', '/async-searches', { criteria: {} });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const statuses = await eventually(() => {
      const seen = mine
        .of('asyncsearch.updated')
        .filter((e) => e.data.id === id)
        .map((e) => e.data.status);
      return seen.includes('succeeded') && seen;
    }, 'the owner sees the search succeed');
    expect(statuses).toEqual(['pending', 'processing', 'succeeded']);
    const succeeded = mine.of('asyncsearch.updated').find((e) => e.data.status === 'succeeded')!;
    expect(succeeded.data).toEqual({
      id,
      status: 'succeeded',
      rowCount: expect.any(Number),
      finishedAt: expect.any(String),
    });
    expect(Number(succeeded.id)).toBeGreaterThan(0);
    // The other account's stream was fed the same changes in the same polls: it got none of them.
    expect(theirs.of('asyncsearch.updated')).toEqual([]);
  });

  it('announces callback.changed {id, version} once the view shows it, and resumes with Last-Event-ID', async () => {
    const first = await events({ cookie: owner.cookieHeader() });
    const registered = await t.admin.post('/callbacks', registration());
    const announced = await eventually(
      () => first.of('callback.changed').find((e) => e.data.id === registered.body.id),
      'callback.changed',
    );
    expect(announced.data).toEqual({ id: registered.body.id, version: expect.any(Number) });
    // What the event announces is what a refetch shows.
    expect((await owner.send('GET', `/callbacks/${registered.body.id}`)).body.version).toBe(announced.data.version);
    first.close();

    const missed = await t.admin.post('/callbacks', registration());
    await t.caughtUp();
    const resumed = await events({ cookie: owner.cookieHeader(), 'last-event-id': announced.id! });
    const caughtUp = await eventually(
      () => resumed.of('callback.changed').find((e) => e.data.id === missed.body.id),
      'the missed change after Last-Event-ID',
    );
    expect(Number(caughtUp.id)).toBeGreaterThan(Number(announced.id));
    expect(resumed.of('callback.changed').map((e) => e.data.id)).not.toContain(registered.body.id);
  });

  it('refuses more streams than LIVE_STREAMS_PER_ACCOUNT with 429, and strangers with 401', async () => {
    for (const reader of open.splice(0)) reader.close();
    await eventually(async () => {
      const probe = await events({ authorization: `Bearer ${other.token}` });
      probe.close();
      return probe.status === 200;
    }, 'closed streams are forgotten');
    const held = [];
    for (let i = 0; i < 3; i += 1) held.push(await events({ authorization: `Bearer ${other.token}` }));
    expect(held.map((r) => r.status)).toEqual([200, 200, 200]);
    const fourth = await fetch(`${t.admin.baseUrl}/events`, { headers: { authorization: `Bearer ${other.token}` } });
    expect(fourth.status).toBe(429);
    expect(((await fourth.json()) as { code: string }).code).toBe('TOO_MANY_REQUESTS');
    expect((await fetch(`${t.admin.baseUrl}/events`)).status).toBe(401);
    for (const reader of held) reader.close();
  });

  it('drops a reader that never reads once its unsent bytes pass the bound, while a reading client gets every change', async () => {
    const stalled = await stalledSseSocket(t.admin.baseUrl, { cookie: owner.cookieHeader() });
    const reading = await events({ authorization: `Bearer ${t.adminToken}` });
    const feed = t.readStore.liveChanges;
    // Changes straight into the feed (as the projector writes it), in batches the reading client keeps up
    // with, until the stalled client's socket buffers are full and the server gives up on it.
    const filler = 'x'.repeat(2000);
    const hub = t.app.get(LiveEventHubLifecycle).hub!;
    const streamsBefore = hub.streamCount();
    const droppedBefore = hub.dropped;
    const before = reading.received;
    let sent = 0;
    for (let batch = 0; batch < 100 && hub.dropped === droppedBefore; batch += 1) {
      feed.append(
        Array.from({ length: 100 }, (_, i) => ({
          kind: 'callback.changed' as const,
          id: `filler-${batch}-${i}`,
          version: 1,
          ownerAccountId: null,
          payload: { id: `filler-${batch}-${i}`, version: 1, filler },
        })),
        new Date(),
      );
      sent += 100;
      await eventually(() => reading.received - before >= sent, 'the reading client keeps up');
    }
    // The server gave up on the stalled stream (it held more than the bound unsent) and kept the reader.
    expect(hub.dropped).toBe(droppedBefore + 1);
    expect(hub.streamCount()).toBe(streamsBefore - 1);
    expect(sent).toBeLessThan(100 * 100);
    stalled.destroy();
    expect(reading.closedByServer).toBe(false);
    const fillers = reading.of('callback.changed').filter((e) => String(e.data.id).startsWith('filler-'));
    expect(fillers).toHaveLength(sent);
  });
});

describe('the live changes feed is pruned with the retention sweep', () => {
  it('an id older than the retained hour resumes with stream.reset (refetch), not with a gap', async () => {
    const clock = new ManualClock(new Date());
    const t = await startTestApp({ clock, exportWorker: false, liveEvents: { pollMs: 20 } });
    const readers: SseReader[] = [];
    try {
      const headers = { authorization: `Bearer ${t.adminToken}` };
      const first = await SseReader.open(`${t.admin.baseUrl}/events`, headers);
      readers.push(first);
      const registered = await t.admin.post('/callbacks', registration());
      const seen = await eventually(() => first.of('callback.changed').find((e) => e.data.id === registered.body.id));
      // A later change keeps the feed's end ahead of the old id once the old entries are gone. It is
      // waited for on the open stream, so the server has announced it before the feed is pruned (as an
      // hour-old change always has been).
      const later = await t.admin.post('/callbacks', registration());
      await eventually(() => first.of('callback.changed').find((e) => e.data.id === later.body.id), 'the later change');
      first.close();
      await t.caughtUp();
      clock.advance(2 * 60 * 60 * 1000);
      expect(await t.projector.pruneLiveChanges()).toBeGreaterThan(0);
      const resumed = await SseReader.open(`${t.admin.baseUrl}/events`, { ...headers, 'last-event-id': seen.id! });
      readers.push(resumed);
      await eventually(() => resumed.events.some((e) => e.event === 'stream.reset'), 'stream.reset');
      expect(resumed.of('callback.changed')).toEqual([]);
    } finally {
      for (const reader of readers) reader.close();
      await t.close();
    }
  });
});
