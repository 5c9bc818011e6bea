import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamNames } from '#domain';
import { ManualClock } from '#runtime';
import { wavTone } from '../support/audio.js';
import type { HttpClient } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const dayMs = 24 * 60 * 60 * 1000;

async function uploadAndRegister(t: TestApp, client: HttpClient, overrides: Record<string, unknown> = {}) {
  const upload = await fetch(`${client.baseUrl}/recordings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'audio/wav' },
    body: wavTone(0.5),
  });
  const { recordingId } = (await upload.json()) as { recordingId: string };
  const registered = await client.post('/callbacks', registration({ recordingId, ...overrides }));
  expect(registered.status).toBe(201);
  const blobKey = await blobKeyOf(t, registered.body.id as string);
  return { id: registered.body.id as string, recordingId, blobKey };
}

/** The blob key the callback's RecordingLinked event names. */
async function blobKeyOf(t: TestApp, callbackId: string): Promise<string> {
  const events = await t.eventStore.readStream(streamNames.callback(callbackId));
  const linked = events.find((event) => event.type === 'RecordingLinked');
  return (linked!.data as { recordingBlobKey: string }).recordingBlobKey;
}

async function storedBlobs(t: TestApp): Promise<string[]> {
  return (await readdir(path.join(t.dataDir, 'recordings')).catch(() => [] as string[])).filter(
    (name) => !name.endsWith('.meta.json'),
  );
}

async function plays(client: HttpClient, callbackId: string): Promise<number> {
  return (await client.get(`/callbacks/${callbackId}/recording`)).status;
}

describe('the recording cap (録音の上限)', () => {
  let t: TestApp;
  let integration: HttpClient;
  let agent: HttpClient;
  beforeAll(async () => {
    t = await startTestApp();
    integration = (await t.createAccount(['integration'])).client;
    agent = (await t.createAccount(['agent'])).client;
    expect((await t.admin.put('/settings', { recordingCap: 3 })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('with a cap of 3, five registrations leave the 3 newest linked; the 2 oldest expire, audio gone, callbacks kept', async () => {
    const recordings = [];
    for (let i = 1; i <= 5; i++) {
      const at = `2026-03-0${i}T10:00:00+09:00`;
      recordings.push(await uploadAndRegister(t, integration, { registeredAt: at, receivedAt: at }));
    }
    await t.caughtUp();

    const oldest = recordings.slice(0, 2);
    const newest = recordings.slice(2);
    for (const { id } of oldest) {
      expect(await plays(agent, id)).toBe(404);
      expect((await agent.get(`/callbacks/${id}`)).body).toMatchObject({ id, recording: null, recordingExpired: true });
    }
    for (const { id, recordingId } of newest) {
      expect(await plays(agent, id)).toBe(200);
      expect((await agent.get(`/callbacks/${id}`)).body).toMatchObject({ recording: recordingId });
    }
    const blobs = await storedBlobs(t);
    for (const { blobKey } of oldest) expect(blobs).not.toContain(blobKey);
    for (const { blobKey } of newest) expect(blobs).toContain(blobKey);

    // A rebuild replays RecordingExpired: the link does not come back.
    await t.projector.rebuild();
    await t.caughtUp();
    for (const { id } of oldest) expect((await agent.get(`/callbacks/${id}`)).body.recording).toBeNull();
    expect(await plays(agent, oldest[0].id)).toBe(404);
  });

  it('applies a lowered cap at once, and concurrent registrations never leave more than the cap linked', async () => {
    expect((await t.admin.put('/settings', { recordingCap: 1 })).status).toBe(200);
    await t.caughtUp();
    expect(await t.readStore.ports.linkedRecordings.findLinkedRecordings()).toHaveLength(1);

    expect((await t.admin.put('/settings', { recordingCap: 4 })).status).toBe(200);
    await Promise.all(Array.from({ length: 8 }, () => uploadAndRegister(t, integration)));
    await t.caughtUp();
    await t.projector.waitUntilCaughtUp();
    expect(await t.readStore.ports.linkedRecordings.findLinkedRecordings()).toHaveLength(4);
    expect(await storedBlobs(t)).toHaveLength(4);
  });
});

describe('recordings and retention (履歴保持期間)', () => {
  let t: TestApp;
  let integration: HttpClient;
  let supervisor: HttpClient;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await startTestApp({ clock });
    integration = (await t.createAccount(['integration'])).client;
    supervisor = (await t.createAccount(['supervisor'])).client;
  });
  afterAll(() => t.close());

  it('deletes the audio with the callback; a rebuild does not bring the link back', async () => {
    const old = await uploadAndRegister(t, integration);
    const young = await uploadAndRegister(t, integration);
    await t.caughtUp();
    expect(await plays(supervisor, old.id)).toBe(200);

    clock.advance(20 * dayMs);
    // Registered 20 days later than `old`, so a 10-day retention keeps it.
    const kept = await uploadAndRegister(t, integration);
    expect((await t.admin.put('/settings', { retentionDays: 10 })).status).toBe(200);
    await t.caughtUp();
    await t.projector.sweeper.sweep();

    for (const gone of [old, young]) {
      expect(await plays(supervisor, gone.id)).toBe(404);
      expect(await storedBlobs(t)).not.toContain(gone.blobKey);
    }
    expect(await t.eventStore.readStream(streamNames.recording(old.recordingId))).toEqual([]);
    expect(await plays(supervisor, kept.id)).toBe(200);

    await t.projector.rebuild();
    await t.caughtUp();
    expect((await supervisor.get(`/callbacks/${old.id}`)).status).toBe(404);
    expect(await t.readStore.ports.linkedRecordings.findLinkedRecordings()).toEqual([
      expect.objectContaining({ callbackId: kept.id, recordingId: kept.recordingId }),
    ]);
  });
});
