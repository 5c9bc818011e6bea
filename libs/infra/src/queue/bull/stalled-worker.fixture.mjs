// A Bull worker that takes one job and never finishes it, run as a child process by
// bull-export-queue.int.spec.ts and killed with SIGKILL: a worker dying mid-job, lock left to expire.
// Its stalledInterval matches the test's: Bull's stalled check is throttled per queue (a shared key
// set by whichever worker checked last), so one long interval would hold back every worker's check.
import Bull from 'bull';

const [redisUrl, prefix, queueName] = process.argv.slice(2);
const queue = new Bull(queueName, redisUrl, { prefix, settings: { lockDuration: 1_000, stalledInterval: 300 } });
queue.on('error', () => undefined);
queue.process(1, (job) => {
  process.send?.({ started: job.id, attempt: job.attemptsMade + 1 });
  return new Promise(() => undefined);
});
process.send?.({ ready: true });
