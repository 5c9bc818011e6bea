import { afterEach, describe, expect, it } from '@jest/globals';
import type { ExportQueue, ExportQueueOptions } from './export-queue.port.js';

export type OpenQueue = (options: ExportQueueOptions) => Promise<ExportQueue<{ n: number }>>;

/** Polls until `condition` holds: tests wait for the outcome, not for a fixed time. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The behaviour every ExportQueue adapter must show; each adapter's spec runs it. */
export function describeExportQueueContract(adapter: string, open: OpenQueue): void {
  describe(`ExportQueue contract: ${adapter}`, () => {
    const opened: ExportQueue<{ n: number }>[] = [];
    const queueWith = async (options: ExportQueueOptions = {}) => {
      const queue = await open({ backoffMs: 20, ...options });
      opened.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
    });

    it('runs an enqueued job with its payload as attempt 1 of 3', async () => {
      const queue = await queueWith();
      const seen: unknown[] = [];
      queue.process(async (job) => void seen.push(job));
      await queue.enqueue('job-a', { n: 1 });

      await eventually(() => seen.length === 1);
      expect(seen[0]).toEqual({ jobId: 'job-a', payload: { n: 1 }, attempt: 1, attempts: 3 });
    });

    it('never adds a job id twice: not while waiting, not after it completed', async () => {
      const queue = await queueWith();
      await Promise.all([queue.enqueue('dup', { n: 1 }), queue.enqueue('dup', { n: 2 })]);
      await queue.enqueue('dup', { n: 3 });
      expect((await queue.depth()).waiting).toBe(1);

      const ran: string[] = [];
      queue.process(async (job) => void ran.push(`${job.jobId}:${job.payload.n}`), { concurrency: 1 });
      await eventually(() => ran.length === 1);
      await queue.enqueue('dup', { n: 4 });
      // Jobs run in order with concurrency 1: once the sentinel ran, a second 'dup' would have too.
      await queue.enqueue('sentinel', { n: 0 });
      await eventually(() => ran.includes('sentinel:0'));

      expect(ran).toEqual(['dup:1', 'sentinel:0']);
    });

    it('retries a failing job with backoff until it succeeds, without the final-failure hook', async () => {
      const queue = await queueWith({ attempts: 3 });
      const attempts: number[] = [];
      const finalFailures: string[] = [];
      queue.process(
        async (job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error(`transient ${job.attempt}`);
        },
        { onFailedFinally: (jobId) => void finalFailures.push(jobId) },
      );
      await queue.enqueue('flaky', { n: 1 });

      await eventually(async () => attempts.length === 3 && (await queue.depth()).active === 0);
      expect(attempts).toEqual([1, 2, 3]);
      expect(finalFailures).toEqual([]);
      expect(await queue.depth()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    });

    it('calls onFailedFinally once, after the last attempt, with the reason', async () => {
      const queue = await queueWith({ attempts: 2 });
      const attempts: number[] = [];
      const finalFailures: [string, string][] = [];
      queue.process(
        async (job) => {
          attempts.push(job.attempt);
          throw new Error(`read store down (attempt ${job.attempt})`);
        },
        { onFailedFinally: (jobId, reason) => void finalFailures.push([jobId, reason]) },
      );
      await queue.enqueue('doomed', { n: 1 });

      await eventually(() => finalFailures.length === 1);
      expect(attempts).toEqual([1, 2]);
      expect(finalFailures).toEqual([['doomed', 'read store down (attempt 2)']]);
      expect((await queue.depth()).failed).toBe(1);
    });

    it('runs at most `concurrency` jobs at once', async () => {
      const queue = await queueWith();
      let active = 0;
      let maxActive = 0;
      let done = 0;
      const release: (() => void)[] = [];
      queue.process(
        async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise<void>((resolve) => release.push(resolve));
          active -= 1;
          done += 1;
        },
        { concurrency: 2 },
      );
      for (const n of [1, 2, 3]) await queue.enqueue(`parallel-${n}`, { n });

      await eventually(() => active === 2);
      expect((await queue.depth()).active).toBe(2);
      while (done < 3) {
        release.shift()?.();
        await eventually(() => release.length > 0 || done === 3);
      }
      expect(maxActive).toBe(2);
    });
  });
}
