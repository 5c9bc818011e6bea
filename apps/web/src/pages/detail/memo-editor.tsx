import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';

export const memoMaxLength = 1_000;

/** Counts characters as the server does: code points, not UTF-16 units. */
function codePoints(text: string): number {
  return [...text].length;
}

/** メモ: saved with If-Match; a 409 never overwrites the other person's change, it offers a reload. */
export function MemoEditor({
  callbackId,
  memo,
  version,
  editable,
}: {
  callbackId: string;
  memo: string | null;
  version: number;
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(memo ?? '');
  const [baseVersion, setBaseVersion] = useState(version);
  const [saved, setSaved] = useState(false);
  const length = codePoints(text);
  const tooLong = length > memoMaxLength;
  const save = useMutation({
    mutationFn: () => api.editMemo(callbackId, text, baseVersion),
    onSuccess: (result) => {
      setBaseVersion(result.version);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: ['callback', callbackId] });
      void queryClient.invalidateQueries({ queryKey: ['history', callbackId] });
    },
  });
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';

  if (!editable) return <p className="memo-text">{memo || <span className="muted">(メモなし)</span>}</p>;

  return (
    <form
      className="memo-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong) save.mutate();
      }}
    >
      <label className="field">
        <span>メモ(1,000文字まで)</span>
        <textarea
          rows={5}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
          aria-invalid={tooLong}
          aria-describedby="memo-counter"
        />
      </label>
      <div className="memo-footer">
        <span id="memo-counter" className={tooLong ? 'counter error' : 'counter'} aria-live="polite">
          {length.toLocaleString('ja-JP')} / {memoMaxLength.toLocaleString('ja-JP')}文字
          {tooLong ? `(${(length - memoMaxLength).toLocaleString('ja-JP')}文字超過しています)` : ''}
        </span>
        <button type="submit" className="primary" disabled={tooLong || save.isPending}>
          メモを保存
        </button>
      </div>
      {saved && !save.isPending && <p role="status">メモを保存しました。</p>}
      {conflict && (
        <div className="alert" role="alert">
          <p>他の人がこの折り返し呼を変更しました。あなたの入力は保存されていません。</p>
          <button
            type="button"
            onClick={async () => {
              const fresh = await queryClient.fetchQuery({
                queryKey: ['callback', callbackId],
                queryFn: () => api.callback(callbackId),
              });
              setText(fresh.memo ?? '');
              setBaseVersion(fresh.version);
              save.reset();
            }}
          >
            最新の内容を読み込む
          </button>
        </div>
      )}
      {save.error && !conflict && (
        <p className="error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
    </form>
  );
}
