// The one library the domain imports: a name-based UUID is a pure function of its name (RFC 9562 v5), as
// deterministic as any value parser here. The lint rule allows `v5` from `uuid` and nothing else of it.
import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace: a `requestId` always maps to the same callback id, so a retry lands on the same stream. */
const callbackNamespace = '6b0f8f52-5a3e-4c8e-9a4b-2f1d8c7e0a11';

/**
 * The callback id of a registration: UUID v5 of its trimmed `requestId`. A retried registration (same
 * requestId) therefore addresses the same callback stream, which is what makes registration idempotent.
 */
export function callbackIdFor(requestId: string): string {
  return uuidv5(requestId.trim(), callbackNamespace);
}
