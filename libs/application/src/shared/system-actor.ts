import type { Actor } from '#event-store';

/** Acts for the service itself (start-up bootstrap), not for a person. */
export const systemActor: Actor = { id: 'system', name: 'system', roles: ['admin'] };
