import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '#runtime';
import { mp3Frames, wavTone } from '../support/audio.js';
import type { HttpClient } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

/** Raw requests: the shared client decodes bodies as text, audio must stay bytes. */
async function send(client: HttpClient, method: string, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (client.token) headers.set('authorization', `Bearer ${client.token}`);
  const response = await fetch(`${client.baseUrl}${url}`, { ...init, method, headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString()) : null;
  return { status: response.status, headers: response.headers, bytes, json };
}

async function upload(client: HttpClient, audio: Buffer, type = 'audio/wav') {
  return send(client, 'POST', '/recordings', { body: audio, headers: { 'content-type': type } });
}

/** Files in the recordings store, temporary ones included. */
async function storedFiles(t: TestApp): Promise<string[]> {
  return readdir(path.join(t.dataDir, 'recordings')).catch(() => []);
}

describe('recordings (録音)', () => {
  let t: TestApp;
  let integration: HttpClient;
  let agent: HttpClient;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await startTestApp({ clock });
    integration = (await t.createAccount(['integration'])).client;
    agent = (await t.createAccount(['agent'])).client;
  });
  afterAll(() => t.close());

  it('upload → register with it → play: the same bytes, ranges, inline and never cached', async () => {
    const audio = wavTone(2);
    const uploaded = await upload(integration, audio);
    expect(uploaded.status).toBe(201);
    const { recordingId } = uploaded.json as { recordingId: string };
    const body = registration({ recordingId });
    const registered = await integration.post('/callbacks', body);
    expect(registered.status).toBe(201);
    const id = registered.body.id as string;

    const played = await send(agent, 'GET', `/callbacks/${id}/recording`);
    expect(played.status).toBe(200);
    expect(played.bytes.equals(audio)).toBe(true);
    expect(played.headers.get('content-type')).toBe('audio/wav');
    expect(played.headers.get('content-disposition')).toBe('inline');
    expect(played.headers.get('accept-ranges')).toBe('bytes');
    expect(played.headers.get('cache-control')).toBe('no-store');

    const part = await send(agent, 'GET', `/callbacks/${id}/recording`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${audio.length}`);
    expect(part.bytes.equals(audio.subarray(100, 200))).toBe(true);

    const tail = await send(agent, 'GET', `/callbacks/${id}/recording`, { headers: { range: 'bytes=-10' } });
    expect(tail.bytes.equals(audio.subarray(audio.length - 10))).toBe(true);

    const outside = await send(agent, 'GET', `/callbacks/${id}/recording`, {
      headers: { range: `bytes=${audio.length}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${audio.length}`);

    await t.caughtUp();
    expect((await agent.get(`/callbacks/${id}`)).body).toMatchObject({
      recording: recordingId,
      recordingExpired: false,
    });
    // The idempotent retry of the same registration still answers 200.
    const retry = await integration.post('/callbacks', body);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(id);
  });

  it('decides the type from the bytes: MP3 is kept as audio/mpeg, a text file sent as audio/wav is refused', async () => {
    const mp3 = await upload(integration, mp3Frames(), 'application/octet-stream');
    expect(mp3.status).toBe(201);
    const before = await storedFiles(t);

    const text = await upload(integration, Buffer.from('これは録音ではありません\n'.repeat(50)), 'audio/wav');
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const empty = await upload(integration, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json).toMatchObject({ code: 'VALIDATION_FAILED' });
    const json = await integration.post('/recordings', { audio: 'no' });
    expect(json.status).toBe(415);
    expect(await storedFiles(t)).toEqual(before);
  });

  it('refuses 20 MiB + 1 byte with 413 and keeps nothing, whether the length is announced or streamed', async () => {
    const before = await storedFiles(t);
    const tooLarge = wavTone(1, 20 * MiB + 1);

    const announced = await upload(integration, tooLarge);
    expect(announced.status).toBe(413);
    expect(announced.json).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });

    // Chunked, no Content-Length: refused while streaming, the partial blob removed.
    const chunks = Array.from({ length: 21 }, (_, i) => tooLarge.subarray(i * MiB, (i + 1) * MiB));
    const streamed = await send(integration, 'POST', '/recordings', {
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      headers: { 'content-type': 'audio/wav' },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await storedFiles(t)).toEqual(before);

    // Exactly the limit is accepted.
    expect((await upload(integration, wavTone(1, 20 * MiB))).status).toBe(201);
  });

  it('refuses an unknown or reused recordingId (400 naming the field / 409) and creates no callback', async () => {
    const unknown = registration({ recordingId: '00000000-0000-4000-8000-000000000000' });
    const refused = await integration.post('/callbacks', unknown);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'recordingId' }] });
    expect((await integration.post('/callbacks', registration({ recordingId: '../etc' }))).status).toBe(400);

    const { recordingId } = (await upload(integration, wavTone())).json as { recordingId: string };
    expect((await integration.post('/callbacks', registration({ recordingId }))).status).toBe(201);
    const reused = registration({ recordingId });
    const conflict = await integration.post('/callbacks', reused);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'RECORDING_ALREADY_LINKED' });

    await t.caughtUp();
    for (const body of [unknown, reused]) {
      expect((await agent.get(`/callbacks?requestId=${body.requestId}`)).body.total).toBe(0);
    }
  });

  it('frees the recording of a refused registration for the next one', async () => {
    const { recordingId } = (await upload(integration, wavTone())).json as { recordingId: string };
    const invalid = await integration.post('/callbacks', registration({ recordingId, ourNumber: 'abc' }));
    expect(invalid.status).toBe(400);
    expect((await integration.post('/callbacks', registration({ recordingId }))).status).toBe(201);
  });

  it('deletes an upload no callback linked within 24 hours, and keeps linked ones', async () => {
    const { recordingId: unlinked } = (await upload(integration, wavTone())).json as { recordingId: string };
    const { recordingId: linked } = (await upload(integration, wavTone())).json as { recordingId: string };
    const id = (await integration.post('/callbacks', registration({ recordingId: linked }))).body.id as string;
    const files = (await storedFiles(t)).length;

    clock.advance(23 * 60 * 60 * 1000);
    expect(await t.projector.recordingSweeper!.sweep()).toBe(0);
    clock.advance(2 * 60 * 60 * 1000);
    expect(await t.projector.recordingSweeper!.sweep()).toBeGreaterThanOrEqual(1);

    expect((await storedFiles(t)).length).toBeLessThan(files);
    expect((await integration.post('/callbacks', registration({ recordingId: unlinked }))).status).toBe(400);
    expect((await send(agent, 'GET', `/callbacks/${id}/recording`)).status).toBe(200);
  });

  it('bulk download: 403 while the option is off; on, a ZIP of exactly the period with index.csv', async () => {
    const off = await t.admin.get('/recordings/bulk?from=2026-01-01&to=2026-01-31');
    expect(off.status).toBe(403);
    expect(off.body.detail).toMatch(/bulkRecordingDownload.*off/);

    const inPeriod: { id: string; requestId: string; audio: Buffer }[] = [];
    for (const [day, seconds] of [
      ['2026-01-10', 1],
      ['2026-01-20', 2],
      ['2026-02-05', 1],
    ] as const) {
      const audio = wavTone(seconds);
      const { recordingId } = (await upload(integration, audio)).json as { recordingId: string };
      const body = registration({
        recordingId,
        registeredAt: `${day}T10:00:00+09:00`,
        receivedAt: `${day}T09:59:00+09:00`,
      });
      const id = (await integration.post('/callbacks', body)).body.id as string;
      if (day < '2026-02') inPeriod.push({ id, requestId: body.requestId, audio });
    }
    expect((await t.admin.put('/settings', { bulkRecordingDownload: true })).status).toBe(200);
    await t.caughtUp();
    expect((await agent.get('/recordings/bulk')).status).toBe(403);

    const zip = await send(t.admin, 'GET', '/recordings/bulk?from=2026-01-01&to=2026-01-31');
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const file = path.join(t.dataDir, 'bulk.zip');
    await writeFile(file, zip.bytes);
    await run('unzip', ['-t', file]);
    const listing = (await run('unzip', ['-Z1', file])).stdout.trim().split('\n');
    expect(listing).toEqual([
      `20260110_100000_${inPeriod[0].requestId}.wav`,
      `20260120_100000_${inPeriod[1].requestId}.wav`,
      'index.csv',
    ]);
    const second = (await run('unzip', ['-p', file, listing[1]], { encoding: 'buffer', maxBuffer: 10 * MiB })).stdout;
    expect(Buffer.compare(second, inPeriod[1].audio)).toBe(0);
    const index = (await run('unzip', ['-p', file, 'index.csv'], { encoding: 'buffer' })).stdout;
    expect(index.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(index.subarray(3).toString('utf8'), { record_delimiter: '\r\n' }) as string[][];
    expect(rows[0].slice(0, 4)).toEqual(['ファイル名', 'ID', '登録日時', '着信日時']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[8]])).toEqual([
      [listing[0], inPeriod[0].id, '2026-01-10 10:00:00', '="0312345678"'],
      [listing[1], inPeriod[1].id, '2026-01-20 10:00:00', '="0312345678"'],
    ]);
  });
});
