import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace: a `requestId` always maps to the same callback id, so a retry lands on the same stream. */
const callbackNamespace = '6b0f8f52-5a3e-4c8e-9a4b-2f1d8c7e0a11';

/**
 * The callback id of a registration: UUID v5 of its `requestId`. A rule of the product that needs a
 * SHA-1, which the domain may not import; every caller (API, demo, bench) takes it from here.
 */
export function callbackIdFor(requestId: string): string {
  return uuidv5(requestId.trim(), callbackNamespace);
}
