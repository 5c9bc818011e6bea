import { describe, expect, it } from '@jest/globals';
import { describeExportQueueContract } from '../export-queue.contract.js';
import { QueueUnavailableError } from '../export-queue.port.js';
import { InProcessExportQueue } from './in-process-export-queue.js';

describeExportQueueContract('in-process', async (options) => new InProcessExportQueue(options));

describe('InProcessExportQueue', () => {
  it('refuses jobs once closed, so the caller keeps them pending', async () => {
    const queue = new InProcessExportQueue();
    await queue.close();
    await expect(queue.enqueue('late', { asyncSearchId: 'a' })).rejects.toBeInstanceOf(QueueUnavailableError);
  });

  it('forgets finished jobs after keepFinishedMs, so their id can run again', async () => {
    const queue = new InProcessExportQueue<{ n: number }>({ keepFinishedMs: 0 });
    const ran: number[] = [];
    queue.process(async (job) => void ran.push(job.payload.n));
    await queue.enqueue('again', { n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    await queue.enqueue('again', { n: 2 });
    await new Promise((resolve) => setImmediate(resolve));

    expect(ran).toEqual([1, 2]);
    await queue.close();
  });
});
