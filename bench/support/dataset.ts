import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { streamNames } from '#domain';
import { createSqliteReadStore, sqliteReadStoreFileName } from '#read-store';
import { loadConfig, openEventStore } from '#runtime';
import { callbackEvents } from './callback-data.js';
import { type SeedWindow, seedCallbackViews } from './read-store-seed.js';

export interface CallbackDataset {
  dataDir: string;
  file: string;
  callbacks: number;
  events: number;
  /** When the callbacks were registered: the same events can be generated again from it. */
  window: SeedWindow;
  /** True once the event store (and every view) holds them too: a data dir `npm start` can open. */
  eventStore: boolean;
  /** Time it took to seed (0 when reused). */
  seedMs: number;
}

/** Bumped when what the dataset holds changes, so a kept BENCH_DATASET_DIR of an older shape is seeded again. */
const format = 2;

type Marker = Omit<CallbackDataset, 'dataDir' | 'file' | 'seedMs'> & { format: number };

let shared: CallbackDataset | null = null;
let owned = false;

function markerOf(dataDir: string): string {
  return path.join(dataDir, 'bench-dataset.json');
}

function writeMarker(dataset: CallbackDataset): void {
  const { callbacks, events, window, eventStore } = dataset;
  writeFileSync(markerOf(dataset.dataDir), JSON.stringify({ format, callbacks, events, window, eventStore }));
}

function progress(label: string) {
  let reported = 0;
  return (done: number) => {
    if (done - reported < 100_000) return;
    reported = done;
    process.stdout.write(`  ${label} ${done.toLocaleString('en-US')} callbacks\n`);
  };
}

/**
 * The big read store shared by the search and CSV benchmarks (seeded once per run through
 * `applyEvents`). BENCH_DATASET_DIR keeps it between runs (it is reused when it holds the same count).
 */
export async function callbackDataset(callbacks: number): Promise<CallbackDataset> {
  if (shared && shared.callbacks === callbacks) return shared;
  const keep = process.env.BENCH_DATASET_DIR;
  const dataDir = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'orikaeshi-bench-views-'));
  owned = !keep;
  const file = path.join(dataDir, sqliteReadStoreFileName);
  const marker = markerOf(dataDir);
  if (keep && existsSync(marker)) {
    const stored = JSON.parse(readFileSync(marker, 'utf8')) as Partial<Marker>;
    if (stored.format === format && stored.callbacks === callbacks) {
      return (shared = { dataDir, file, ...(stored as Marker), seedMs: 0 });
    }
  }
  mkdirSync(dataDir, { recursive: true });
  // Whatever an older dataset left here goes: views, events, keys.
  for (const name of [sqliteReadStoreFileName, 'events.sqlite', 'keys.sqlite'])
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dataDir, name + suffix), { force: true });
  const readStore = createSqliteReadStore({ dataDir });
  const { events, ms, window } = await seedCallbackViews(readStore.ports.projectionStore, callbacks, {
    onProgress: progress('seeded'),
  });
  await readStore.close();
  shared = { dataDir, file, callbacks, events, window, eventStore: false, seedMs: ms };
  writeMarker(shared);
  return shared;
}

/**
 * The same dataset as a whole data dir: the callback view of `callbackDataset`, plus the same callbacks
 * appended through the product's event store (personal fields encrypted, one data key each) at the
 * positions the views' checkpoints name, plus the other views. Every projection is then at the head, as
 * after a long-running deployment's last catch-up. Added on first use (search and CSV need only the view).
 */
export async function callbackDataDir(callbacks: number): Promise<CallbackDataset> {
  const dataset = await callbackDataset(callbacks);
  if (dataset.eventStore) return dataset;
  const started = performance.now();
  const eventStore = await openEventStore(loadConfig({ DATA_DIR: dataset.dataDir, LOG_LEVEL: 'silent' }));
  const readStore = createSqliteReadStore({ dataDir: dataset.dataDir });
  let expected = 0n;
  const { events } = await seedCallbackViews(readStore.ports.projectionStore, callbacks, {
    projections: readStore.ports.projectionStore.projectionNames.filter((name) => name !== 'callbacks'),
    window: dataset.window,
    onProgress: progress('appended to the event store and the other views:'),
    onCallback: async (callback) => {
      const appended = callbackEvents(callback);
      const { position } = await eventStore.appendToStream(streamNames.callback(callback.callbackId), appended, {
        expectedRevision: 'no_stream',
      });
      expected += BigInt(appended.length);
      // The views' checkpoints assume positions 1, 2, 3…: anything else would make the projector skip or replay.
      if (position !== expected) throw new Error(`event store position ${position}, the views expect ${expected}`);
    },
  });
  await readStore.close();
  await eventStore.close();
  if (events !== dataset.events) throw new Error(`appended ${events} events, the view holds ${dataset.events}`);
  shared = { ...dataset, eventStore: true, seedMs: dataset.seedMs + (performance.now() - started) };
  writeMarker(shared);
  return shared;
}

export function releaseDataset(): void {
  if (shared && owned) rmSync(shared.dataDir, { recursive: true, force: true });
  shared = null;
}
