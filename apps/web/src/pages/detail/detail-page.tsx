import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useCan, useMe, useTimeZone } from '../../api/session';
import type { CallbackDetail } from '../../api/types';
import { columnLabels } from '../../lib/columns';
import { formatDisplayTime } from '../../lib/display-time';
import { statusLabels } from '../../lib/labels';
import { HistoryTimeline } from './history-timeline';
import { MemoEditor } from './memo-editor';
import { RecordingField } from './recording-field';

export default function DetailPage() {
  const { id = '' } = useParams();
  const timeZone = useTimeZone();
  const canWork = useCan('work');
  const canReadHistory = useCan('readHistory');
  const callback = useQuery({ queryKey: ['callback', id], queryFn: () => api.callback(id) });

  if (callback.isPending) return <p className="state">読み込み中…</p>;
  if (callback.error)
    return (
      <div>
        <p className="state error" role="alert">
          {errorMessage(callback.error)}
        </p>
        <Link to="/callbacks">一覧へ戻る</Link>
      </div>
    );
  const view = callback.data;
  const fields: [string, React.ReactNode][] = [
    [columnLabels.id, <span className="mono">{view.id}</span>],
    [columnLabels.registeredAt, formatDisplayTime(view.registeredAt, timeZone)],
    [columnLabels.receivedAt, formatDisplayTime(view.receivedAt, timeZone)],
    [columnLabels.status, statusLabels[view.status] ?? view.status],
    [columnLabels.agent, view.agent ?? '未割当'],
    [columnLabels.callCenter, view.callCenter],
    [columnLabels.businessLabel, view.businessLabel ?? ''],
    [columnLabels.callerNumber, view.callerNumber ?? '非通知'],
    [columnLabels.ourNumber, view.ourNumber],
    [columnLabels.requestId, view.requestId],
  ];

  return (
    <div className="detail-page">
      <p>
        <BackToList />
      </p>
      <h1>折り返し呼の詳細</h1>
      <div className="detail-grid">
        <section aria-labelledby="fields-title" className="card">
          <h2 id="fields-title">内容</h2>
          <dl className="fields">
            {fields.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div>
              <dt>{columnLabels.recording}</dt>
              <dd>
                <RecordingField view={view} />
              </dd>
            </div>
          </dl>
          {canWork && <Actions view={view} />}
        </section>
        <section aria-labelledby="memo-title" className="card">
          <h2 id="memo-title">メモ</h2>
          <MemoEditor key={view.id} callbackId={view.id} memo={view.memo} version={view.version} editable={canWork} />
        </section>
        {canReadHistory && (
          <section aria-labelledby="history-title" className="card wide">
            <h2 id="history-title">履歴</h2>
            <HistoryTimeline callbackId={view.id} />
          </section>
        )}
      </div>
    </div>
  );
}

function Actions({ view }: { view: CallbackDetail }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [agent, setAgent] = useState('');
  const choices = useQuery({ queryKey: ['choices'], queryFn: api.choices, staleTime: 5 * 60_000 });
  const command = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['callback', view.id] });
      void queryClient.invalidateQueries({ queryKey: ['history', view.id] });
      void queryClient.invalidateQueries({ queryKey: ['search'] });
    },
  });
  return (
    <div className="detail-actions">
      <h3>操作</h3>
      <form
        className="assign"
        onSubmit={(event) => {
          event.preventDefault();
          if (agent.trim()) command.mutate(() => api.assign(view.id, agent.trim()));
        }}
      >
        <label className="field inline">
          <span>担当者</span>
          <input list="agent-choices" value={agent} onChange={(event) => setAgent(event.target.value)} />
        </label>
        <datalist id="agent-choices">
          {(choices.data?.agents ?? []).map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <button type="submit" disabled={command.isPending || !agent.trim()}>
          割り当て
        </button>
        <button
          type="button"
          disabled={command.isPending}
          onClick={() => command.mutate(() => api.assign(view.id, me.name))}
        >
          自分に割り当て
        </button>
        {view.agent && (
          <button
            type="button"
            disabled={command.isPending}
            onClick={() => command.mutate(() => api.unassign(view.id))}
          >
            割り当て解除
          </button>
        )}
      </form>
      <div className="status-actions">
        {view.status === 'incomplete' ? (
          <button
            type="button"
            className="primary"
            disabled={command.isPending}
            onClick={() => command.mutate(() => api.complete(view.id))}
          >
            完了にする
          </button>
        ) : (
          <button type="button" disabled={command.isPending} onClick={() => command.mutate(() => api.reopen(view.id))}>
            未完了に戻す
          </button>
        )}
      </div>
      {command.error && (
        <p className="error" role="alert">
          {errorMessage(command.error)}
        </p>
      )}
    </div>
  );
}

/** Back to the list the user came from (with its criteria), or to the plain list when opened directly. */
function BackToList() {
  const location = useLocation();
  const navigate = useNavigate();
  if (location.key === 'default') return <Link to="/callbacks">‹ 一覧へ戻る</Link>;
  return (
    <button type="button" className="link-button" onClick={() => void navigate(-1)}>
      ‹ 一覧へ戻る
    </button>
  );
}
