import { streamCategories } from '#domain';

/**
 * Personal data in events (個人情報): the fields encrypted with their stream's data key before an event
 * is appended, and decrypted on read. A new personal field joins its event type's list here, one line,
 * and is then never stored in clear.
 */
export const personalFields: Readonly<Record<string, readonly string[]>> = {
  CallbackRegistered: ['callerNumber'],
  MemoEdited: ['memo'],
  // Where the audio lies: once shredded, no surviving event leads to a recording.
  RecordingLinked: ['recordingBlobKey'],
  RecordingUploaded: ['recordingBlobKey'],
  // The searcher's conditions may name a caller number, the search memo anything.
  AsyncSearchRequested: ['criteria', 'memo'],
};

/**
 * Events that end their stream's personal data: once one is appended, the stream's key is shredded. They
 * carry nothing personal and stay readable after it, so a reader of the global order (the async-search
 * list) still learns that the stream ended, where every other event of the stream now reads as erased.
 */
export const erasingEvents: ReadonlySet<string> = new Set(['AsyncSearchDeleted']);

/** The streams whose events hold personal fields, each with a data key of its own. */
const keyedCategories = [streamCategories.callback, streamCategories.recording, streamCategories.asyncSearch];

/**
 * Which data key a stream's events are encrypted with: one per stream of a callback, an uploaded
 * recording or an asynchronous search, named by the stream (deleting or ending the stream shreds it).
 */
export function dataKeyIdOf(streamName: string): string | null {
  return keyedCategories.some((category) => streamName.startsWith(category)) ? streamName : null;
}
