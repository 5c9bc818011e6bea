import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FsBlobStore } from '#infra';
import type { LinkedRecording } from '#read-store';
import { RegisterCallbackCommand } from '../register-callback/register-callback.command.js';
import { RegisterCallbackHandler } from '../register-callback/register-callback.handler.js';
import { SettingsReader } from '../shared/settings-reader.js';
import { registrationInput, useCaseFixture } from '../shared/use-case.fixture.js';
import { UploadRecordingCommand } from '../upload-recording/upload-recording.command.js';
import { UploadRecordingHandler } from '../upload-recording/upload-recording.handler.js';
import { RecordingCapEnforcer } from './enforce-recording-cap.handler.js';

const wav = Buffer.concat([Buffer.from('RIFF\x00\x10\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(2000)]);

describe('enforce-recording-cap', () => {
  const f = useCaseFixture();
  let dir: string;
  let blobs: FsBlobStore;
  /** What the callback view shows; the spec decides how far it lags. */
  let view: LinkedRecording[] = [];
  let enforcer: RecordingCapEnforcer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orikaeshi-cap-'));
    blobs = FsBlobStore.forRecordings(dir);
    const linked = { findLinkedRecordings: async () => view };
    enforcer = new RecordingCapEnforcer(f.aggregates, new SettingsReader(f.eventStore), linked, blobs, f.clock);
    await f.aggregates.settings.run(
      'system',
      { type: 'ChangeSystemSettings', changes: { recordingCap: 2 }, now: f.clock.now() },
      f.issuedBy(null, ['admin']),
    );
  });
  afterAll(async () => {
    f.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function registerWithRecording(day: number): Promise<LinkedRecording & { blobKey: string }> {
    const uploads = new UploadRecordingHandler(f.aggregates, blobs, { recordingLimitBytes: 1e6 }, f.clock);
    const { recordingId } = await uploads.execute(new UploadRecordingCommand(Readable.from([wav]), null, f.issuedBy()));
    const registeredAt = `2026-11-0${day}T00:00:00.000Z`;
    const input = registrationInput({ recordingId, registeredAt, receivedAt: registeredAt });
    const { id } = await new RegisterCallbackHandler(f.aggregates, f.clock).execute(
      new RegisterCallbackCommand(input, f.issuedBy()),
    );
    const { state } = await f.aggregates.callbacks.load(id);
    const blobKey = state.status === 'absent' ? '' : state.recording!.recordingBlobKey;
    return { callbackId: id, recordingId, registeredAt, blobKey };
  }

  it('unlinks the oldest beyond the cap, deletes their audio, and counts rows the view still shows linked', async () => {
    const recordings = [];
    for (const day of [1, 2, 3, 4]) recordings.push(await registerWithRecording(day));
    view = recordings;

    expect(await enforcer.enforce()).toBe(2);
    expect(await blobs.stat(recordings[0].blobKey)).toBeNull();
    expect(await blobs.stat(recordings[1].blobKey)).toBeNull();
    expect(await blobs.stat(recordings[2].blobKey)).not.toBeNull();
    const { state } = await f.aggregates.callbacks.load(recordings[0].callbackId);
    expect(state).toMatchObject({ recording: null, recordingExpired: true });

    // The view has not caught up yet: the two expired rows still show linked. Nothing more is unlinked.
    expect(await enforcer.enforce()).toBe(0);
    expect(await blobs.stat(recordings[2].blobKey)).not.toBeNull();
    expect(await blobs.stat(recordings[3].blobKey)).not.toBeNull();
  });
});
