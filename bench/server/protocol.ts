/** How the bench process and the bench server (a child process) talk over the IPC channel. */
export interface BenchServerOptions {
  dataDir: string;
  adminToken: string;
  /** Callbacks registered a few minutes ago (targets of assign/complete/memo): requestIds `live-<i>`. */
  liveCallbacks: number;
  /** Callbacks backfilled 40 days ago (retention sweep targets): requestIds `expired-<i>`. */
  expiredCallbacks: number;
  /** Use EVENTSTORE_URL / MONGO_URL from the environment (production family) instead of SQLite. */
  productionFamily: boolean;
}

export interface LagSummary {
  /** Per event: applied to the view minus recorded in the event store, per projection. */
  events: number;
  p50: number;
  p99: number;
  max: number;
  byProjection: Record<string, { events: number; p50: number; p99: number; max: number }>;
  /** Largest `behindHead` seen by sampling `projector.status()` every 20 ms. */
  maxBehindHead: string;
  /** p99 of `projector.status()` lagMs samples (lag of the last event handled at each sample). */
  statusLagP99: number;
}

export interface SweepReport {
  deleted: number;
  startedAt: number;
  finishedAt: number;
}

export type ToServer = { type: 'lag-start' } | { type: 'lag-stop' } | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; url: string; seedMs: number; catchUpMs: number; family: string }
  | { type: 'lag'; summary: LagSummary }
  | { type: 'sweep'; report: SweepReport }
  | { type: 'error'; message: string };
