/** The one place stream names are built (architecture.md "Event store rules"). */
export const streamNames = {
  callback: (callbackId: string) => `callback-${callbackId}`,
  asyncSearch: (asyncSearchId: string) => `asyncsearch-${asyncSearchId}`,
  asyncSearchQuota: (accountId: string) => `asyncsearchquota-${accountId}`,
  account: (accountId: string) => `account-${accountId}`,
  token: (tokenHash: string) => `token-${tokenHash}`,
  login: (loginKey: string) => `login-${loginKey}`,
  settings: () => 'settings-system',
  recording: (recordingId: string) => `recording-${recordingId}`,
  /** The audit log of erasure requests (個人情報の削除依頼): who asked and how many were erased. */
  erasureRequests: () => 'erasurerequests-log',
} as const;

export const streamCategories = {
  callback: 'callback-',
  asyncSearch: 'asyncsearch-',
  asyncSearchQuota: 'asyncsearchquota-',
  account: 'account-',
  token: 'token-',
  login: 'login-',
  settings: 'settings-',
  recording: 'recording-',
} as const;

/** The aggregate id of a stream name of the given category, or null when the stream is of another category. */
export function idFromStream(category: string, streamName: string): string | null {
  return streamName.startsWith(category) ? streamName.slice(category.length) : null;
}
