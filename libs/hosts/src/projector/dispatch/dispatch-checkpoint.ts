import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '#infra';
import type { CheckpointPort } from '#kernel';

/**
 * Where the dispatch reactor resumes. The read store keeps checkpoints only for its own projections, so
 * the reactor has the kernel's checkpoint port with adapters of its own.
 */
export type DispatchCheckpoint = CheckpointPort;

/** A JSON file in the data dir, replaced atomically (embedded family, or a single projector process). */
export class FileDispatchCheckpoint implements DispatchCheckpoint {
  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): FileDispatchCheckpoint {
    return new FileDispatchCheckpoint(path.join(dataDir, 'checkpoints', 'async-search-dispatch.json'));
  }

  async load(): Promise<bigint | null> {
    try {
      const { position } = JSON.parse(await readFile(this.file, 'utf8')) as { position: string };
      return BigInt(position);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(position: bigint): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomically(this.file, JSON.stringify({ position: position.toString() }));
  }
}

/**
 * No durable checkpoint: every start replays from the beginning. Right for the in-process queue, which
 * loses its jobs with the process: the searches still pending or processing must be enqueued again.
 */
export class MemoryDispatchCheckpoint implements DispatchCheckpoint {
  private position: bigint | null = null;

  async load(): Promise<bigint | null> {
    return this.position;
  }

  async save(position: bigint): Promise<void> {
    this.position = position;
  }
}
