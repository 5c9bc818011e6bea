export interface Me {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
  /** Optional: when the server tells its display time zone, the screen uses it. */
  displayTimeZone?: string;
}

export interface CallbackView {
  id: string;
  registeredAt: string;
  receivedAt: string;
  agent: string | null;
  status: 'incomplete' | 'complete';
  callCenter: string;
  businessLabel: string | null;
  callerNumber: string | null;
  ourNumber: string;
  requestId: string;
  recording: string | null;
  /** True once the recording cap unlinked it (shown 期限切れ). */
  recordingExpired?: boolean;
  memo: string | null;
  version: number;
}

export interface CallbackDetail extends CallbackView {
  history?: { events: number; lastChangedAt: string | null; lastChangedBy: string | null };
}

export interface SearchResult {
  items: CallbackView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HistoryEvent {
  type: string;
  version: number;
  occurredAt: string;
  actor: { id: string; name: string; roles?: string[] };
  data: Record<string, unknown>;
}

export interface Choices {
  callCenters: string[];
  businessLabels: string[];
  agents: string[];
}

/** `expired` (期限切れ): the file held a callback past retention and was deleted; it can be run again. */
export type AsyncStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'expired';

export interface AsyncSearch {
  id: string;
  requestedAt: string;
  status: AsyncStatus;
  memo: string | null;
  criteria: Record<string, string>;
  encoding?: 'utf-8' | 'shift_jis';
  rowCount?: number;
  finishedAt?: string;
  error?: string;
}

export interface StatsGroup {
  key: string | null;
  registered: number;
  completed: number;
  open: number;
  unassigned: number;
  p50: number | null;
  p90: number | null;
}

export interface Settings {
  retentionDays: number;
  searchCap: number;
  recordingCap: number;
  bulkRecordingDownload: boolean;
  version?: number;
}

export interface AccountSummary {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
}

export interface CreatedAccount extends AccountSummary {
  token: string;
}

export interface CommandResult {
  id: string;
  version: number;
}
