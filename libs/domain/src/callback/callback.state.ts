import type { CallbackRegisteredData } from './callback.events.js';

export type CallbackStatus = 'incomplete' | 'complete';

export interface ExistingCallback {
  status: CallbackStatus;
  registration: CallbackRegisteredData;
  agent: string | null;
  memo: string | null;
  completedAt: string | null;
}

/** State of a callback stream: discriminated on `status`. */
export type CallbackState = { status: 'absent' } | ExistingCallback;
