import type { CallbackStatus } from '#domain';

/** The callback as the list, detail and CSV show it (api.md `CallbackView`). Times are UTC ISO-8601. */
export interface CallbackView {
  id: string;
  registeredAt: string;
  receivedAt: string;
  agent: string | null;
  status: CallbackStatus;
  callCenter: string;
  businessLabel: string | null;
  callerNumber: string | null;
  ourNumber: string;
  requestId: string;
  /** Recording id while linked; null when none was registered or it expired. */
  recording: string | null;
  /** True once the recording cap unlinked the recording (the screen shows 期限切れ); absent on older rows. */
  recordingExpired?: boolean;
  memo: string | null;
  /** Revision of the callback stream this view reflects. */
  version: number;
  /** When it was completed (for time-to-complete statistics); null while incomplete. */
  completedAt: string | null;
}
