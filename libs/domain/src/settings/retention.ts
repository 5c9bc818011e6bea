const dayMs = 24 * 60 * 60 * 1000;

/**
 * 履歴保持期間, the one retention rule: a callback registered before `now - retentionDays` is past
 * retention. Its event stream and its rows in every callback view (list and statistics) are deleted;
 * asynchronous searches and their files are not callbacks and are kept.
 */
export function retentionCutoff(retentionDays: number, now: Date): string {
  return new Date(now.getTime() - retentionDays * dayMs).toISOString();
}
