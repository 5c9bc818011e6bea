/** What a command on one aggregate answers: its id and the stream's revision after it (the ETag). */
export interface CommandResult {
  id: string;
  version: number;
}
