/**
 * Queue job ids of asynchronous searches. The first run's job id is the request id itself; a user's retry
 * gets `<id>~retry-<revision>` (the revision of its AsyncSearchRetried event), because the queue remembers
 * finished job ids for a while and would ignore the same id again. Both are derived from the event, so a
 * replayed event always maps to the job it already produced: never a second run for one dispatch.
 */
const retrySeparator = '~retry-';

export function asyncSearchJobId(asyncSearchId: string, dispatchRevision: number): string {
  return dispatchRevision === 0 ? asyncSearchId : `${asyncSearchId}${retrySeparator}${dispatchRevision}`;
}

export function asyncSearchIdOfJob(jobId: string): string {
  const at = jobId.indexOf(retrySeparator);
  return at === -1 ? jobId : jobId.slice(0, at);
}
