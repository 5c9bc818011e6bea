import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useTimeZone } from '../../api/session';
import { formatDisplayTime } from '../../lib/display-time';
import { describeEvent } from '../../lib/labels';

/** 履歴: every event, oldest first, with who and when. */
export function HistoryTimeline({ callbackId }: { callbackId: string }) {
  const timeZone = useTimeZone();
  const history = useQuery({ queryKey: ['history', callbackId], queryFn: () => api.history(callbackId) });
  if (history.isPending) return <p className="state">履歴を読み込み中…</p>;
  if (history.error)
    return (
      <p className="error" role="alert">
        {errorMessage(history.error)}
      </p>
    );
  return (
    <ol className="timeline">
      {history.data.events.map((event) => (
        <li key={event.version}>
          <time dateTime={event.occurredAt}>{formatDisplayTime(event.occurredAt, timeZone)}</time>
          <span className="actor">{event.actor?.name ?? '(不明)'}</span>
          <span className="what">{describeEvent(event)}</span>
        </li>
      ))}
    </ol>
  );
}
