/** A callback whose view shows a linked recording. */
export interface LinkedRecording {
  callbackId: string;
  recordingId: string;
  registeredAt: string;
}

/** Which recordings the callback view shows linked (the recording cap, the bulk download). */
export interface LinkedRecordings {
  /** Callbacks showing a linked recording, oldest registration first (ties by id); only those in [from, to) when given. */
  findLinkedRecordings(period?: { from?: string; to?: string }): Promise<LinkedRecording[]>;
}

export const LINKED_RECORDINGS = Symbol('LINKED_RECORDINGS');
