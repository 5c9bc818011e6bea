import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type SqliteEventStore, openSqliteEventStore } from '#event-store';
import { type ProjectionStore, createSqliteReadStore } from '#read-store';
import { systemClock } from '#runtime';
import { Projector, projectionBatchSize } from '#hosts';
import { callbackEvents, seedCallback } from './support/callback-data.js';
import { dayMs } from './support/read-store-seed.js';
import { type BenchResult, fmt, gc, newResult, scaled } from './support/report.js';

/** How far behind its registration a callback's assignment and completion are appended (in callbacks). */
const assignLag = 1_000;
const completeLag = 3_000;
/** Registered over this many days: about the daily volume of the search benchmark's 1M callbacks a year. */
const days = 20;

/**
 * Appends callbacks the way a day of work interleaves them: registrations, and the assignment and
 * completion of earlier callbacks, so most batches update rows written by earlier batches (the write
 * path a live projector runs), not only fresh rows.
 */
async function seedInterleaved(store: SqliteEventStore, events: number): Promise<number> {
  const count = Math.ceil(events / 1.9);
  const toMs = Date.now() - dayMs;
  const fromMs = toMs - days * dayMs;
  const callbacks = Array.from({ length: count }, (_, i) => seedCallback(i, count, fromMs, toMs, 'apply'));
  const append = (index: number, step: number) => {
    const callback = callbacks[index];
    const event = callback ? callbackEvents(callback)[step] : undefined;
    if (!event) return Promise.resolve(0);
    return store
      .appendToStream(`callback-${callback.callbackId}`, [event], {
        expectedRevision: step === 0 ? 'no_stream' : step - 1,
      })
      .then(() => 1);
  };
  let appended = 0;
  for (let i = 0; i < count + completeLag; i++) {
    appended += await append(i, 0);
    appended += await append(i - assignLag, 1);
    appended += await append(i - completeLag, 2);
  }
  return appended;
}

/**
 * Sums the time spent inside `applyEvents` (the view writes) per view while the projector runs, and keeps
 * the longest call per view: how long one batch held the thread.
 */
function timeViewWrites(readStore: ProjectionStore): { ms: Map<string, number>; longestMs: Map<string, number> } {
  const ms = new Map<string, number>();
  const longestMs = new Map<string, number>();
  const apply = readStore.applyEvents.bind(readStore);
  // The SQLite store writes synchronously inside the call: timing the call alone leaves out the other
  // runners' work that would run while awaiting its promise.
  readStore.applyEvents = (name, ...rest) => {
    const started = performance.now();
    const applied = apply(name, ...rest);
    const took = performance.now() - started;
    ms.set(name, (ms.get(name) ?? 0) + took);
    longestMs.set(name, Math.max(longestMs.get(name) ?? 0, took));
    return applied;
  };
  return { ms, longestMs };
}

async function timedCatchUp(dir: string, events: number) {
  const eventStore = openSqliteEventStore(path.join(dir, 'events.sqlite'));
  const readDir = path.join(dir, `views-${Date.now()}`);
  const readStore = createSqliteReadStore({ dataDir: readDir });
  const writes = timeViewWrites(readStore.ports.projectionStore);
  const projector = new Projector(eventStore, readStore.ports, systemClock);
  gc();
  const started = performance.now();
  await projector.start();
  await projector.waitUntilCaughtUp(30 * 60 * 1000);
  const ms = performance.now() - started;
  await projector.stop();
  await readStore.close();
  await eventStore.close();
  rmSync(readDir, { recursive: true, force: true });
  const callbackWriteMs = writes.ms.get('callbacks') ?? 0;
  const viewWriteMs = [...writes.ms.values()].reduce((a, b) => a + b, 0);
  return { ms, callbackWriteMs, viewWriteMs, longestCallbackBatchMs: writes.longestMs.get('callbacks') ?? 0, events };
}

/**
 * 2b. The projector catching up on a backlog (all three views, batches of `projectionBatchSize`, each batch one transaction
 * with its checkpoint): the amortized cost of one event's view writes, and of the whole catch-up.
 */
export async function viewApplyBenchmark(): Promise<BenchResult> {
  const events = scaled('BENCH_VIEW_APPLY_EVENTS', 100_000);
  const root = mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-bench-apply-'));
  try {
    const warmDir = path.join(root, 'warm');
    const mainDir = path.join(root, 'main');
    const warmStore = openSqliteEventStore(path.join(warmDir, 'events.sqlite'));
    const warmEvents = await seedInterleaved(warmStore, 5_000);
    await warmStore.close();
    const store = openSqliteEventStore(path.join(mainDir, 'events.sqlite'));
    const stored = await seedInterleaved(store, events);
    await store.close();

    await timedCatchUp(warmDir, warmEvents); // JIT and page cache, not timed
    const runs = [await timedCatchUp(mainDir, stored), await timedCatchUp(mainDir, stored)];
    const best = runs.reduce((a, b) => (a.viewWriteMs <= b.viewWriteMs ? a : b));
    const perEvent = (ms: number) => (ms * 1000) / stored;

    const result = newResult('view-apply', 'Projector catch-up: view writes per event');
    result.parameters = { events: stored, batchSize: projectionBatchSize, views: 3, assignLag, completeLag, days };
    result.details = runs.map((run) => ({
      catchUpMs: run.ms,
      callbackViewWriteMs: run.callbackWriteMs,
      viewWriteMs: run.viewWriteMs,
      longestCallbackBatchMs: run.longestCallbackBatchMs,
      callbackViewMicrosPerEvent: perEvent(run.callbackWriteMs),
      viewWriteMicrosPerEvent: perEvent(run.viewWriteMs),
      catchUpMicrosPerEvent: perEvent(run.ms),
    }));
    result.notes.push(
      'A fresh read store catches up on an event store of interleaved registrations, assignments (1,000 callbacks later) and completions (3,000 later), so most batches update earlier rows.',
      'callback view = time inside readStore.applyEvents for the callback list view (rows, secondary indexes, full-text entry, commit), divided by stored events; all views adds the statistics and asynchronous-search views; catch-up = wall time from Projector.start() to caught up (reading the log three times included). Best of two runs.',
      'longestCallbackBatchMs = the longest single applyEvents call of the callback view: how long one batch held the read-side thread (a batch that triggers a WAL checkpoint takes longest).',
    );
    result.rows.push(
      {
        benchmark: '2b. view writes',
        metric: `callback view, µs per event (catch-up of ${stored.toLocaleString('en-US')} events)`,
        value: `${perEvent(best.callbackWriteMs).toFixed(1)} µs`,
        baseline: `${perEvent(best.viewWriteMs).toFixed(1)} µs (all three views)`,
        ratio: '–',
        target: '≤ 60 µs',
        pass: perEvent(best.callbackWriteMs) <= 60,
      },
      {
        benchmark: '2b. catch-up',
        metric: 'events/s, fresh read store, all views',
        value: fmt.rate((stored / best.ms) * 1000, 'ev/s'),
        baseline: `${perEvent(best.ms).toFixed(1)} µs per event`,
        ratio: '–',
        target: '–',
        pass: null,
      },
    );
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
