import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useTimeZone } from '../../api/session';
import { type CsvEncoding, csvFileName } from '../../lib/csv-file-name';
import type { Criteria } from '../../lib/search-state';

/**
 * CSVダウンロード: the response is read as a Blob (raw bytes, never decoded as text) and saved under a
 * name with the date; a refusal (e.g. 検索上限) is shown instead of being saved as a file.
 */
export function CsvDownload({
  criteria,
  q,
  onCapExceeded,
}: {
  criteria: Criteria;
  q: string;
  onCapExceeded: (error: unknown) => boolean;
}) {
  const timeZone = useTimeZone();
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const blob = await api.csv(criteria, q, encoding);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = csvFileName(new Date(), encoding, timeZone);
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      if (!onCapExceeded(failure)) setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="csv">
      <label className="field inline">
        <span>文字コード</span>
        <select value={encoding} onChange={(event) => setEncoding(event.target.value as CsvEncoding)}>
          <option value="utf-8">UTF-8(BOM付き)</option>
          <option value="shift_jis">Shift_JIS</option>
        </select>
      </label>
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'ダウンロード中…' : 'CSVダウンロード'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
