import { v5 as uuidv5 } from 'uuid';
import { ApiProblem } from '../http/problem.js';

/** Fixed namespace: a `requestId` always maps to the same callback id, so a retry lands on the same stream. */
const callbackNamespace = '6b0f8f52-5a3e-4c8e-9a4b-2f1d8c7e0a11';

export function callbackIdFor(requestId: string): string {
  return uuidv5(requestId.trim(), callbackNamespace);
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs; anything else cannot name a callback. */
export function callbackIdParam(id: string): string {
  if (!uuidShape.test(id)) throw new ApiProblem('NOT_FOUND', `no callback ${id}`);
  return id.toLowerCase();
}
