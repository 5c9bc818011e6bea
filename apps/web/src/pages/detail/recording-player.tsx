import { api } from '../../api/endpoints';
import type { CallbackView } from '../../api/types';
import { recordingLabel } from '../../lib/recording-label';

/**
 * 録音: recordings may only be played here. The native player without its download control, and no
 * link to the file; the context menu's "save audio" is turned off too. It plays with the session cookie.
 */
export function RecordingPlayer({ view }: { view: Pick<CallbackView, 'id' | 'recording' | 'recordingExpired'> }) {
  if (view.recording) {
    return (
      <audio
        controls
        controlsList="nodownload noplaybackrate"
        preload="metadata"
        src={api.recordingUrl(view.id)}
        aria-label="録音を再生"
        onContextMenu={(event) => event.preventDefault()}
      />
    );
  }
  return <span className="muted">{recordingLabel(view)}</span>;
}
