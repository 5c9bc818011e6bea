import type { Readable } from 'node:stream';

/** An audio format a recording may have: what we serve it as and the extension of its file. */
export interface AudioType {
  contentType: string;
  extension: string;
}

/**
 * The formats we accept, keyed by what `file-type` reads from the magic bytes. WebM is reported as
 * video by the library (the container is the same); a recording is served as audio either way.
 */
const acceptedByDetectedExtension: Record<string, AudioType> = {
  wav: { contentType: 'audio/wav', extension: 'wav' },
  mp3: { contentType: 'audio/mpeg', extension: 'mp3' },
  ogg: { contentType: 'audio/ogg', extension: 'ogg' },
  oga: { contentType: 'audio/ogg', extension: 'ogg' },
  opus: { contentType: 'audio/ogg', extension: 'opus' },
  m4a: { contentType: 'audio/mp4', extension: 'm4a' },
  aac: { contentType: 'audio/aac', extension: 'aac' },
  webm: { contentType: 'audio/webm', extension: 'webm' },
};

export interface SniffedAudio {
  /** Null when the content is no accepted audio format (or empty). */
  type: AudioType | null;
  /** Every byte of the source, the sampled head included. */
  stream: Readable;
}

/** Decides the type of a recording from its first bytes (never from a header the client sent). */
export async function sniffAudio(source: Readable): Promise<SniffedAudio> {
  // Imported at the first upload, not with the library: threads that take no upload (the read side) skip it.
  const { fileTypeStream } = await import('file-type');
  const stream = await fileTypeStream(source);
  const detected = stream.fileType?.ext;
  return { type: (detected && acceptedByDetectedExtension[detected]) || null, stream };
}
