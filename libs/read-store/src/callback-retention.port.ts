/** The retention sweeper's side: deleted rows never come back (a tombstone outranks every event). */
export interface CallbackRetention {
  /** Callback ids registered before the cutoff, oldest first. */
  findRegisteredBefore(cutoffIso: string, limit: number): Promise<string[]>;
  /** Removes the callbacks from every view of every generation. */
  deleteCallbacks(callbackIds: readonly string[]): Promise<void>;
}

export const CALLBACK_RETENTION = Symbol('CALLBACK_RETENTION');
