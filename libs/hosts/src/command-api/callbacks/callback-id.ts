import { ApiProblem } from '../http/problem.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are UUIDs; anything else cannot name a callback. */
export function callbackIdParam(id: string): string {
  if (!uuidShape.test(id)) throw new ApiProblem('NOT_FOUND', `no callback ${id}`);
  return id.toLowerCase();
}
