/**
 * Personal data in events (個人情報): the fields encrypted with their callback's data key before an event
 * is appended, and decrypted on read. A new personal field joins its event type's list here, one line,
 * and is then never stored in clear.
 */
export const personalFields: Readonly<Record<string, readonly string[]>> = {
  CallbackRegistered: ['callerNumber'],
  MemoEdited: ['memo'],
};

/** Which data key a stream's events are encrypted with: one per callback, named by its stream. */
export function dataKeyIdOf(streamName: string): string | null {
  return streamName.startsWith('callback-') ? streamName : null;
}
