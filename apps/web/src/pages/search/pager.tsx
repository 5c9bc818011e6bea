import { pageSizeChoices } from '../../lib/search-state';

interface PagerProps {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

export function Pager({ total, page, pageSize, onPage, onPageSize }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="ページ送り">
      <span className="total" aria-live="polite">
        全{total.toLocaleString('ja-JP')}件中 {first.toLocaleString('ja-JP')}〜{last.toLocaleString('ja-JP')}件
      </span>
      <button type="button" onClick={() => onPage(1)} disabled={page <= 1} aria-label="最初のページ">
        «
      </button>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="前のページ">
        ‹
      </button>
      <span>
        {page} / {pages} ページ
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages} aria-label="次のページ">
        ›
      </button>
      <button type="button" onClick={() => onPage(pages)} disabled={page >= pages} aria-label="最後のページ">
        »
      </button>
      <label className="field inline">
        <span>表示件数</span>
        <select value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {pageSizeChoices.map((size) => (
            <option key={size} value={size}>
              {size}件
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
