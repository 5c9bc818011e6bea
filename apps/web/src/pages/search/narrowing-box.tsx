import { useState } from 'react';
import { normalizeNarrowing } from '../../lib/keywords';

/**
 * 絞り込み: Enter searches, but not the Enter that confirms an IME conversion (isComposing, or keyCode 229
 * which some browsers send for that Enter after compositionend).
 */
export function NarrowingBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    setSynced(value);
    setText(value);
  }
  return (
    <div className="narrowing" role="search">
      <label className="field inline">
        <span>絞り込み</span>
        <input
          type="search"
          value={text}
          placeholder="キーワード(スペース区切り)"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            if (event.nativeEvent.isComposing || event.keyCode === 229) return;
            event.preventDefault();
            onSearch(normalizeNarrowing(text));
          }}
        />
      </label>
      <button type="button" onClick={() => onSearch(normalizeNarrowing(text))}>
        絞り込む
      </button>
    </div>
  );
}
