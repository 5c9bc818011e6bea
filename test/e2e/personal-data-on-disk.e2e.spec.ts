import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '#runtime';
import { wavTone } from '../support/audio.js';
import { download } from '../support/csv-download.js';
import { eventually } from '../support/eventually.js';
import type { HttpClient } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const dayMs = 24 * 60 * 60 * 1000;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The files (relative to the data dir) whose raw bytes contain any of the needles. */
async function filesHolding(dir: string, needles: string[], only: (file: string) => boolean = () => true) {
  const holding: string[] = [];
  for (const file of await filesUnder(dir)) {
    if (!only(path.basename(file))) continue;
    const bytes = await readFile(file);
    if (needles.some((needle) => bytes.includes(Buffer.from(needle, 'utf8')))) holding.push(path.relative(dir, file));
  }
  return holding;
}

const isEventStoreFile = (name: string) => name.startsWith('events.sqlite');

/** Raw bytes up (the shared client sends JSON): an uploaded recording. */
async function uploadRecording(client: HttpClient, audio: Buffer): Promise<string> {
  const response = await fetch(`${client.baseUrl}/recordings`, {
    method: 'POST',
    body: audio,
    headers: { 'content-type': 'audio/wav', authorization: `Bearer ${client.token}` },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { recordingId: string }).recordingId;
}

/** Issue 14 "Done when": personal data provably gone from the disk, and never in clear in the event store. */
describe('personal data on disk', () => {
  let t: TestApp;
  let supervisor: HttpClient;
  const clock = new ManualClock(new Date());
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * dayMs).toISOString();
  // Unique per run, so nothing else in the data dir can contain them by chance.
  const digits = String(Date.now()).slice(-8);
  const callerNumber = `090${digits}`;
  const memo = `折り返し希望 ${digits} 夕方以降に連絡`;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    supervisor = (await t.createAccount(['supervisor'])).client;
  });
  afterAll(() => t.close());

  it('never stores the caller number, memo or audio key in clear in the event store; after retention no file holds them', async () => {
    const recordingId = await uploadRecording(t.admin, wavTone(1));
    const input = registration({
      registeredAt: daysAgo(40),
      receivedAt: daysAgo(40),
      callerNumber: `090-${digits.slice(0, 4)}-${digits.slice(4)}`,
      recordingId,
    });
    const id = (await supervisor.post('/callbacks', input)).body.id;
    expect((await supervisor.put(`/callbacks/${id}/memo`, { memo })).status).toBe(200);
    await t.caughtUp();
    // In use: shown in clear to the people allowed to see it, but encrypted in the event store.
    expect((await supervisor.get(`/callbacks/${id}`)).body).toMatchObject({ callerNumber, memo });
    expect((await supervisor.get(`/callbacks/${id}/history`)).status).toBe(200);
    expect((await supervisor.get(`/callbacks/${id}/recording`)).status).toBe(200);
    const audioFiles = await readdir(path.join(t.dataDir, 'recordings'));
    const audioKey = audioFiles.find((name) => !name.endsWith('.json'))!;
    expect(audioKey).toBeDefined();
    expect(await filesHolding(t.dataDir, [callerNumber, memo, audioKey], isEventStoreFile)).toEqual([]);

    // An asynchronous search's file holds the callback (the criteria name nothing personal).
    const search = (await supervisor.post('/async-searches', { criteria: { requestId: input.requestId } })).body.id;
    await eventually(
      async () => (await supervisor.get(`/async-searches/${search}`)).body.status === 'succeeded',
      'the async search succeeded',
    );
    expect(await filesHolding(t.dataDir, [callerNumber, memo], (name) => !isEventStoreFile(name))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^exports\//)]),
    );

    expect((await t.admin.put('/settings', { retentionDays: 30 })).status).toBe(200);
    await t.caughtUp();
    expect((await supervisor.get(`/callbacks/${id}`)).status).toBe(404);
    expect((await supervisor.get(`/async-searches/${search}`)).body).toMatchObject({ status: 'expired' });
    const expiredDownload = await download(supervisor.baseUrl, supervisor.token!, `/async-searches/${search}/download`);
    expect(expiredDownload.status).toBe(409);
    expect(await readdir(path.join(t.dataDir, 'recordings'))).not.toContain(audioKey);
    expect(await filesHolding(t.dataDir, [callerNumber, memo, audioKey])).toEqual([]);
  });

  it('erases every callback of a caller number on request, in any input form, and logs who and how many only', async () => {
    const other = String(Date.now() + 7).slice(-8);
    const number = `080${other}`;
    const otherMemo = `削除依頼のメモ ${other}`;
    const ids: string[] = [];
    for (const form of [`080-${other.slice(0, 4)}-${other.slice(4)}`, number]) {
      ids.push((await supervisor.post('/callbacks', registration({ callerNumber: form }))).body.id);
    }
    expect((await supervisor.put(`/callbacks/${ids[0]}/memo`, { memo: otherMemo })).status).toBe(200);
    const kept = (await supervisor.post('/callbacks', registration({ callerNumber: '0312345678' }))).body.id;
    await t.caughtUp();
    expect(await filesHolding(t.dataDir, [number, otherMemo], isEventStoreFile)).toEqual([]);
    // An asynchronous search's file holds them.
    const search = (await supervisor.post('/async-searches', { criteria: {} })).body.id;
    await eventually(
      async () => (await supervisor.get(`/async-searches/${search}`)).body.status === 'succeeded',
      'the async search succeeded',
    );
    expect(await filesHolding(t.dataDir, [number], (name) => !isEventStoreFile(name))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^exports\//)]),
    );

    const erased = await t.admin.post('/erasure-requests', {
      callerNumber: `(080) ${other.slice(0, 4)} ${other.slice(4)}`,
    });
    expect(erased.status).toBe(201);
    expect(erased.body).toMatchObject({ erased: 2, requestedBy: { name: expect.any(String) } });
    await t.caughtUp();
    for (const id of ids) {
      expect((await supervisor.get(`/callbacks/${id}`)).status).toBe(404);
      expect((await supervisor.get(`/callbacks/${id}/history`)).status).toBe(404);
      expect((await supervisor.post(`/callbacks/${id}/complete`)).status).toBe(404);
    }
    expect((await supervisor.get(`/callbacks/${kept}`)).status).toBe(200);
    await t.caughtUp();
    expect((await supervisor.get(`/async-searches/${search}`)).body).toMatchObject({ status: 'expired' });
    const log = await t.admin.get('/erasure-requests');
    expect(log.body.items[0]).toEqual(erased.body);
    expect(log.text).not.toContain(other);
    expect(await filesHolding(t.dataDir, [number, otherMemo])).toEqual([]);

    // A rebuild of the views does not bring them back.
    await t.projector.rebuild();
    await t.caughtUp();
    for (const id of ids) expect((await supervisor.get(`/callbacks/${id}`)).status).toBe(404);
  });

  it('refuses an erasure request without a valid caller number and records nothing', async () => {
    const before = (await t.admin.get('/erasure-requests')).body.items.length;
    const response = await t.admin.post('/erasure-requests', { callerNumber: 'not a number' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect((await t.admin.get('/erasure-requests')).body.items).toHaveLength(before);
  });
});
