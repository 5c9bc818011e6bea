import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { Dialog } from '../../components/dialog';
import {
  type ColumnChoice,
  type ColumnName,
  choicesToColumns,
  columnChoices,
  columnLabels,
  defaultColumns,
  moveChoice,
} from '../../lib/columns';

/** ≡: show/hide and reorder columns with the keyboard (↑/↓ buttons, Alt+↑/↓ on a row) or the mouse. */
export function ColumnChooser({ columns }: { columns: ColumnName[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="表示する列を選ぶ"
        title="表示する列を選ぶ"
        onClick={() => setOpen(true)}
      >
        ≡
      </button>
      <Dialog open={open} title="表示する列" onClose={() => setOpen(false)}>
        <ChooserBody columns={columns} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function ChooserBody({ columns, onDone }: { columns: ColumnName[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<ColumnChoice[]>(() => columnChoices(columns));
  const list = useRef<HTMLOListElement>(null);
  const save = useMutation({
    mutationFn: () => api.saveColumns(choicesToColumns(choices)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['columns'], saved);
      onDone();
    },
  });

  const move = (index: number, delta: -1 | 1, focusClass: string) => {
    setChoices((previous) => moveChoice(previous, index, delta));
    // Keep the focus on the moved column so it can be moved again.
    requestAnimationFrame(() => {
      const target = list.current?.children[index + delta]?.querySelector<HTMLElement>(`.${focusClass}`);
      target?.focus();
    });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="hint">チェックした列を上から順に表示します。↑↓ボタン(または行の上で Alt+↑/↓)で並べ替えます。</p>
      <ol className="chooser" ref={list}>
        {choices.map((choice, index) => (
          <li
            key={choice.name}
            onKeyDown={(event) => {
              if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
              event.preventDefault();
              move(index, event.key === 'ArrowUp' ? -1 : 1, 'choice-check');
            }}
          >
            <label>
              <input
                type="checkbox"
                className="choice-check"
                checked={choice.visible}
                onChange={(event) =>
                  setChoices((previous) =>
                    previous.map((c, i) => (i === index ? { ...c, visible: event.target.checked } : c)),
                  )
                }
              />
              {columnLabels[choice.name]}
            </label>
            <span className="move-buttons">
              <button
                type="button"
                className="move-up"
                aria-label={`${columnLabels[choice.name]}を上へ`}
                disabled={index === 0}
                onClick={() => move(index, -1, 'move-up')}
              >
                ↑
              </button>
              <button
                type="button"
                className="move-down"
                aria-label={`${columnLabels[choice.name]}を下へ`}
                disabled={index === choices.length - 1}
                onClick={() => move(index, 1, 'move-down')}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      {choicesToColumns(choices).length === 0 && (
        <p className="error" role="alert">
          少なくとも1列を表示してください。
        </p>
      )}
      {save.error && (
        <p className="error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => setChoices(columnChoices(defaultColumns))}>
          初期状態に戻す
        </button>
        <button type="button" onClick={onDone}>
          キャンセル
        </button>
        <button type="submit" className="primary" disabled={save.isPending || choicesToColumns(choices).length === 0}>
          保存
        </button>
      </div>
    </form>
  );
}
