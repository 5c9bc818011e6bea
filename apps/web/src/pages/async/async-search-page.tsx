import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useLive } from '../../api/live-events';
import { useMe, useTimeZone } from '../../api/session';
import type { AsyncSearch } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { TrashIcon } from '../../components/icons';
import type { CsvEncoding } from '../../lib/csv-file-name';
import { formatDisplayTime } from '../../lib/display-time';
import { asyncStatusLabels } from '../../lib/labels';
import { type Criteria, criteriaFromParams } from '../../lib/search-state';
import { CriteriaForm } from '../search/criteria-form';

export const asyncSearchQuota = 10;

/** 非同期検索: request with the same criteria as the list (pre-filled from the URL), and the caller's searches. */
export default function AsyncSearchPage() {
  const [params] = useSearchParams();
  const initial = criteriaFromParams(params);
  const q = params.get('q') ?? '';
  const me = useMe();
  const live = useLive();
  const queryClient = useQueryClient();
  const [memo, setMemo] = useState('');
  const [notify, setNotify] = useState(false);
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [pending, setPending] = useState<Criteria | null>(null);
  const searches = useQuery({
    queryKey: ['async-searches'],
    queryFn: api.asyncSearches,
    // Without the live stream, poll while a search is still running.
    refetchInterval: (query) =>
      !live.connected && query.state.data?.items.some((s) => s.status === 'pending' || s.status === 'processing')
        ? 3_000
        : false,
  });
  const request = useMutation({
    mutationFn: (criteria: Criteria) =>
      api.requestAsyncSearch({ criteria: q ? { ...criteria, q } : criteria, memo, notify, encoding }),
    onSuccess: () => {
      setMemo('');
      void queryClient.invalidateQueries({ queryKey: ['async-searches'] });
    },
  });
  const count = searches.data?.items.length ?? 0;

  return (
    <div className="async-page">
      <h1>非同期検索</h1>
      <p className="hint">
        件数の多い検索はここで受け付け、完了後にCSVをダウンロードできます。保存できるのは{asyncSearchQuota}
        件までです(現在
        {count}件)。
      </p>
      <CriteriaForm criteria={initial} onSubmit={setPending} submitLabel="非同期検索を登録">
        {q && <p className="hint">絞り込み「{q}」も条件に含めます。</p>}
        <div className="criteria-grid">
          <label className="field span-2">
            <span>検索メモ</span>
            <input value={memo} onChange={(event) => setMemo(event.target.value)} maxLength={1000} />
          </label>
          <label className="field">
            <span>文字コード</span>
            <select value={encoding} onChange={(event) => setEncoding(event.target.value as CsvEncoding)}>
              <option value="utf-8">UTF-8(BOM付き)</option>
              <option value="shift_jis">Shift_JIS</option>
            </select>
          </label>
          <div className="field checkbox">
            <label>
              <input
                type="checkbox"
                checked={notify && !!me.email}
                disabled={!me.email}
                onChange={(event) => setNotify(event.target.checked)}
                aria-describedby="notify-hint"
              />
              完了時にメール通知
            </label>
            <span id="notify-hint" className="hint">
              {me.email
                ? `通知先: ${me.email}`
                : 'メールアドレスが未登録です。右上のメニューの「メールアドレス登録」から登録してください。'}
            </span>
          </div>
        </div>
      </CriteriaForm>
      {request.error && (
        <p className="alert" role="alert">
          {request.error instanceof ApiError && request.error.code === 'ASYNC_SEARCH_LIMIT'
            ? `非同期検索は${asyncSearchQuota}件まで保存できます。ゴミ箱から不要な検索を削除してから登録してください。`
            : errorMessage(request.error)}
        </p>
      )}
      {request.isSuccess && <p role="status">非同期検索を登録しました。</p>}
      <Dialog open={pending !== null} title="確認" role="alertdialog" onClose={() => setPending(null)}>
        <p>この条件で非同期検索を保存しますか?</p>
        <div className="actions">
          <button type="button" onClick={() => setPending(null)}>
            キャンセル
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              if (pending) request.mutate(pending);
              setPending(null);
            }}
          >
            保存する
          </button>
        </div>
      </Dialog>
      <section aria-labelledby="async-list-title">
        <h2 id="async-list-title">検索一覧</h2>
        {searches.isPending && <p className="state">読み込み中…</p>}
        {searches.error && (
          <p className="state error" role="alert">
            {errorMessage(searches.error)}
          </p>
        )}
        {searches.data && searches.data.items.length === 0 && (
          <p className="state empty">非同期検索はまだありません。</p>
        )}
        {searches.data && searches.data.items.length > 0 && <AsyncTable items={searches.data.items} />}
        {searches.data?.items.some((search) => search.status === 'expired') && (
          <p className="hint">
            「期限切れ」の検索は、結果に保持期間を過ぎた折り返し呼が含まれていたためCSVを削除しました。再実行すると保持期間内の折り返し呼で作り直します。
          </p>
        )}
      </section>
    </div>
  );
}

function AsyncTable({ items }: { items: AsyncSearch[] }) {
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [trash, setTrash] = useState<AsyncSearch | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['async-searches'] });
  const retry = useMutation({ mutationFn: api.retryAsyncSearch, onSuccess: refresh });
  const remove = useMutation({ mutationFn: api.deleteAsyncSearch, onSuccess: refresh });
  const failure = retry.error ?? remove.error;
  return (
    <>
      {failure && (
        <p className="error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
      <div className="table-wrap">
        <table className="results">
          <thead>
            <tr>
              <th scope="col">検索日時</th>
              <th scope="col">状況</th>
              <th scope="col">検索メモ</th>
              <th scope="col">件数</th>
              <th scope="col">終了日時</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {items.map((search) => (
              <tr key={search.id}>
                <td className="nowrap">{formatDisplayTime(search.requestedAt, timeZone)}</td>
                <td>
                  <span className={`async-status async-${search.status}`}>
                    {asyncStatusLabels[search.status] ?? search.status}
                  </span>
                </td>
                <td>{search.memo}</td>
                <td className="number">{search.rowCount?.toLocaleString('ja-JP') ?? ''}</td>
                <td className="nowrap">{formatDisplayTime(search.finishedAt, timeZone)}</td>
                <td className="row-actions">
                  {search.status === 'succeeded' && (
                    <a
                      href={api.asyncDownloadUrl(search.id)}
                      download
                      className="button"
                      aria-label="CSVをダウンロード"
                    >
                      ⤓ ダウンロード
                    </a>
                  )}
                  {(search.status === 'failed' || search.status === 'expired') && (
                    <button type="button" onClick={() => retry.mutate(search.id)} disabled={retry.isPending}>
                      再実行
                    </button>
                  )}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`${formatDisplayTime(search.requestedAt, timeZone)}の検索を削除`}
                    onClick={() => setTrash(search)}
                  >
                    <TrashIcon />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog open={trash !== null} title="削除の確認" role="alertdialog" onClose={() => setTrash(null)}>
        <p>この非同期検索と結果のCSVを削除しますか?この操作は取り消せません。</p>
        <div className="actions">
          <button type="button" onClick={() => setTrash(null)}>
            キャンセル
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (trash) remove.mutate(trash.id);
              setTrash(null);
            }}
          >
            削除する
          </button>
        </div>
      </Dialog>
    </>
  );
}
