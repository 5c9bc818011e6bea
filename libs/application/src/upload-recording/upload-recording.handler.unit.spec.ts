import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { streamNames } from '#domain';
import { FsBlobStore } from '#infra';
import { useCaseFixture } from '../shared/use-case.fixture.js';
import { UploadRecordingCommand } from './upload-recording.command.js';
import { UploadRecordingHandler } from './upload-recording.handler.js';

const limit = 64 * 1024;

function wav(bytes: number): Buffer {
  const file = Buffer.alloc(bytes);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(bytes - 8, 4);
  file.write('WAVEfmt ', 8, 'ascii');
  return file;
}

describe('upload-recording', () => {
  const f = useCaseFixture();
  let dir: string;
  let blobs: FsBlobStore;
  let handler: UploadRecordingHandler;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orikaeshi-upload-'));
    blobs = FsBlobStore.forRecordings(dir);
    handler = new UploadRecordingHandler(f.aggregates, blobs, { recordingLimitBytes: limit }, f.clock);
  });
  afterAll(async () => {
    f.close();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (chunks: Buffer[], declared: number | null = null) =>
    handler.execute(new UploadRecordingCommand(Readable.from(chunks), declared, f.issuedBy(null, ['integration'])));
  const files = () => readdir(blobs.directory).catch(() => [] as string[]);

  it('stores a WAV as audio/wav and records the upload with its blob key', async () => {
    const audio = wav(10_000);
    const { recordingId } = await upload([audio.subarray(0, 7), audio.subarray(7)]);
    const [event] = await f.eventStore.readStream(streamNames.recording(recordingId));
    expect(event.type).toBe('RecordingUploaded');
    expect(event.data).toMatchObject({ recordingId, contentType: 'audio/wav', extension: 'wav', byteSize: 10_000 });
    const key = (event.data as { recordingBlobKey: string }).recordingBlobKey;
    expect((await blobs.stat(key))?.byteSize).toBe(10_000);
  });

  it('refuses text sent as audio (415), an empty body (400) and one byte over the limit (413), keeping nothing', async () => {
    const before = await files();
    await expect(upload([Buffer.from('plain text, not audio\n'.repeat(20))])).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(upload([])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const over = wav(limit + 1);
    await expect(upload([over.subarray(0, 4096), over.subarray(4096)])).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    await expect(upload([wav(100)], limit + 1)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await files()).toEqual(before);
    await expect(upload([wav(limit)])).resolves.toMatchObject({ recordingId: expect.any(String) });
  });
});
