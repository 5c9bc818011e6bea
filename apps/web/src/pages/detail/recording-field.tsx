import { api } from '../../api/endpoints';
import type { CallbackDetail } from '../../api/types';

/**
 * The 録音 field of the detail: its own component so the recording player (and the あり/期限切れ/なし
 * wording) can grow here without touching the rest of the page.
 */
export function RecordingField({ view }: { view: CallbackDetail }) {
  if (!view.recording) return <span className="muted">録音なし(または保存期間切れ)</span>;
  return <audio controls preload="none" src={api.recordingUrl(view.id)} aria-label="録音を再生" />;
}
