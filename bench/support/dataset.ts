import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteReadStore, sqliteReadStoreFileName } from '#read-store';
import { seedCallbackViews } from './read-store-seed.js';

export interface CallbackDataset {
  dataDir: string;
  file: string;
  callbacks: number;
  events: number;
  /** Time it took to seed (0 when reused). */
  seedMs: number;
}

let shared: CallbackDataset | null = null;
let owned = false;

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
  const marker = path.join(dataDir, 'bench-dataset.json');
  if (keep && existsSync(marker)) {
    const stored = JSON.parse(readFileSync(marker, 'utf8')) as { callbacks: number; events: number };
    if (stored.callbacks === callbacks) return (shared = { dataDir, file, ...stored, seedMs: 0 });
  }
  mkdirSync(dataDir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const readStore = createSqliteReadStore({ dataDir });
  let reported = 0;
  const { events, ms } = await seedCallbackViews(readStore.ports.projectionStore, callbacks, {
    onProgress: (done) => {
      if (done - reported >= 100_000) {
        reported = done;
        process.stdout.write(`  seeded ${done.toLocaleString('en-US')} callbacks\n`);
      }
    },
  });
  await readStore.close();
  writeFileSync(marker, JSON.stringify({ callbacks, events }));
  return (shared = { dataDir, file, callbacks, events, seedMs: ms });
}

export function releaseDataset(): void {
  if (shared && owned) rmSync(shared.dataDir, { recursive: true, force: true });
  shared = null;
}
