import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { issueAdminToken, startOrikaeshi } from '#hosts';
import { generateToken, loadConfig } from '#runtime';

export interface RecordingsZipChildReport {
  recordings: number;
  recordingBytes: number;
  zipBytes: number;
  uploadMs: number;
  downloadMs: number;
  rssBefore: number;
  peakRss: number;
}

Logger.overrideLogger(false);
const count = Number(process.argv[2] ?? 200);
const size = Number(process.argv[3] ?? 5 * 2 ** 20);

/** A WAV header over `bytes` of silence: accepted as audio, cheap to make. */
function wav(bytes: number, seed: number): Buffer {
  const file = Buffer.alloc(bytes, seed % 251);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(bytes - 8, 4);
  file.write('WAVEfmt ', 8, 'ascii');
  return file;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orikaeshi-bench-recordings-'));
const running = await startOrikaeshi({
  config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' }),
  exportWorker: false,
});
const token = generateToken();
await issueAdminToken(running.app, token);
await running.app.listen(0, '127.0.0.1');
const base = (await running.app.getUrl()).replace('[::1]', '127.0.0.1');
const auth = { authorization: `Bearer ${token}` };

const uploadStart = performance.now();
for (let i = 0; i < count; i++) {
  const upload = await fetch(`${base}/recordings`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'audio/wav' },
    body: wav(size, i),
  });
  const { recordingId } = (await upload.json()) as { recordingId: string };
  await fetch(`${base}/callbacks`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      requestId: `bench-recording-${i}`,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
      callCenter: 'ベンチセンター',
      ourNumber: '0120000111',
      recordingId,
    }),
  });
}
await fetch(`${base}/settings`, {
  method: 'PUT',
  headers: { ...auth, 'content-type': 'application/json' },
  body: JSON.stringify({ bulkRecordingDownload: true, recordingCap: count }),
});
await running.projector.waitUntilCaughtUp();
const uploadMs = performance.now() - uploadStart;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
const downloadStart = performance.now();
const response = await fetch(`${base}/recordings/bulk`, { headers: auth });
let zipBytes = 0;
for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) zipBytes += chunk.length;
const downloadMs = performance.now() - downloadStart;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

await running.close();
await rm(dataDir, { recursive: true, force: true });
const report: RecordingsZipChildReport = {
  recordings: count,
  recordingBytes: count * size,
  zipBytes,
  uploadMs,
  downloadMs,
  rssBefore,
  peakRss,
};
process.send?.(report);
