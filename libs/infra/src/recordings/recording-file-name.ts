import { fileNameStamp } from '#read-store';

/** Characters no file system or unzip tool takes in a name (and control characters). */
// eslint-disable-next-line no-control-regex
const unsafeInName = /[\u0000-\u001f\u007f/\\:*?"<>|]/g;

/**
 * `<registeredAt in the display zone>_<requestId>.<ext>`, e.g. `20250102_150405_call-42.wav`. The request
 * id is the integration's text, so anything a path could be built from is replaced by `_`.
 */
export function recordingFileName(
  registeredAt: string,
  requestId: string,
  extension: string,
  timeZone: string,
): string {
  const stamp = fileNameStamp(new Date(registeredAt), timeZone);
  const safeRequestId = requestId.replace(unsafeInName, '_').replace(/^\.+/, '_');
  return `${stamp}_${safeRequestId}.${extension}`;
}
