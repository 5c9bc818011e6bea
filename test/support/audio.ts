/**
 * A real PCM WAV file (mono, 16-bit, 8 kHz) holding a 440 Hz tone, so a browser can decode and play it.
 * `padTo` grows the data chunk (silence) to reach an exact file size.
 */
export function wavTone(seconds = 1, padTo?: number): Buffer {
  const sampleRate = 8000;
  const samples = Math.round(seconds * sampleRate);
  const dataBytes = padTo === undefined ? samples * 2 : padTo - 44;
  const file = Buffer.alloc(44 + dataBytes);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + dataBytes, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(sampleRate, 24);
  file.writeUInt32LE(sampleRate * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < Math.min(samples, dataBytes / 2); i++) {
    file.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), 44 + i * 2);
  }
  return file;
}

/** A minimal MP3 frame header (MPEG-1 Layer III, 128 kbit/s, 44.1 kHz) followed by silence. */
export function mp3Frames(bytes = 4180): Buffer {
  const file = Buffer.alloc(bytes);
  for (let offset = 0; offset + 418 <= bytes; offset += 418) file.set([0xff, 0xfb, 0x90, 0x64], offset);
  return file;
}
