import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/endpoints';

/**
 * 録音一括ダウンロード (only when the option is on): a ZIP of the recordings registered in a period, as a
 * plain link so the browser streams it to disk however large it is.
 */
export function BulkRecordingDownload() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: api.settings });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  if (!settings.data?.bulkRecordingDownload) return null;
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return (
    <section aria-labelledby="bulk-recordings-title" className="card">
      <h2 id="bulk-recordings-title">録音一括ダウンロード</h2>
      <p>登録日がこの期間の録音(期限切れを除く)と一覧 index.csv を ZIP でダウンロードします。</p>
      <div className="bulk-recordings">
        <label className="field inline">
          <span>開始日</span>
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="field inline">
          <span>終了日</span>
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <a className="button" href={`/recordings/bulk?${query.toString()}`} download>
          ZIP をダウンロード
        </a>
      </div>
    </section>
  );
}
