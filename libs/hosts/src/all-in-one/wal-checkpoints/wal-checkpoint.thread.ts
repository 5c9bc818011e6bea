// The entry of the all-in-one process's checkpoint thread (started by WalCheckpointThread).
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { WalCheckpointThreadData } from './wal-checkpoint-thread.js';

const { files, intervalMs } = workerData as WalCheckpointThreadData;
const connections = new Map<string, Database.Database>();
/** Each file's checkpoint statement, prepared once (a pragma call would compile it at every pass). */
const checkpoints = new Map<string, Database.Statement>();

/**
 * PASSIVE: copies what the log holds beyond the readers' snapshots, without waiting for (or blocking)
 * the other threads' readers and writers; the next commit after a complete pass restarts the log. A
 * file is opened once it exists (the API and read-side threads create them).
 */
function checkpointAll(): void {
  for (const file of files) {
    let checkpoint = checkpoints.get(file);
    if (checkpoint === undefined) {
      if (!existsSync(file)) continue;
      const db = new Database(file, { fileMustExist: true });
      connections.set(file, db);
      checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
      checkpoints.set(file, checkpoint);
    }
    checkpoint.get();
  }
}

let timer: NodeJS.Timeout | null = null;
const tick = () => {
  checkpointAll();
  timer = setTimeout(tick, intervalMs);
};
tick();

parentPort?.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  if (timer) clearTimeout(timer);
  for (const db of connections.values()) db.close();
  parentPort?.close();
});
