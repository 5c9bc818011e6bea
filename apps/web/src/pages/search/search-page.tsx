import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { capOf, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useLive } from '../../api/live-events';
import { visibleColumns } from '../../lib/columns';
import {
  type Criteria,
  criteriaToParams,
  type SearchState,
  searchStateFromParams,
  searchStateToParams,
} from '../../lib/search-state';
import { ColumnChooser } from './column-chooser';
import { CriteriaForm } from './criteria-form';
import { CsvDownload } from './csv-download';
import { NarrowingBox } from './narrowing-box';
import { Pager } from './pager';
import { ResultTable } from './result-table';

/** 折り返し呼履歴: the URL is the state (criteria, q, page, page size, sort); every change is a history entry. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = searchStateFromParams(params);
  const key = searchStateToParams(state).toString();
  const live = useLive();
  const [capFromCsv, setCapFromCsv] = useState<{ key: string; cap: number | null } | null>(null);

  const columns = useQuery({ queryKey: ['columns'], queryFn: api.columns, staleTime: Infinity });
  const search = useQuery({
    queryKey: ['search', key],
    queryFn: ({ signal }) => api.search(state, signal),
    placeholderData: keepPreviousData,
  });

  const go = (next: Partial<SearchState>) => {
    live.clearChangedCallbacks();
    setParams(searchStateToParams({ ...state, ...next }));
  };
  const shown = visibleColumns(columns.data?.columns);
  const searchCap = capOf(search.error);
  const capExceeded =
    searchCap !== null || (search.error as { code?: string } | null)?.code === 'SEARCH_LIMIT_EXCEEDED';
  const csvCap = capFromCsv?.key === key ? capFromCsv : null;
  const changedCount = search.data ? [...live.changedCallbacks].length : 0;

  return (
    <div className="search-page">
      <h1>折り返し呼履歴</h1>
      <CriteriaForm criteria={state.criteria} onSubmit={(criteria: Criteria) => go({ criteria, page: 1 })} />
      <section aria-label="検索結果" className="results-section">
        <div className="toolbar">
          <NarrowingBox value={state.q} onSearch={(q) => go({ q, page: 1 })} />
          <div className="toolbar-end">
            <CsvDownload
              criteria={state.criteria}
              q={state.q}
              onCapExceeded={(error) => {
                if ((error as { code?: string }).code !== 'SEARCH_LIMIT_EXCEEDED') return false;
                setCapFromCsv({ key, cap: capOf(error) });
                return true;
              }}
            />
            <ColumnChooser columns={shown} />
          </div>
        </div>
        {changedCount > 0 && (
          <div className="notice" role="status">
            {changedCount}件更新されました —{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                live.clearChangedCallbacks();
                void search.refetch();
              }}
            >
              再表示
            </button>
          </div>
        )}
        {(capExceeded || csvCap) && (
          <CapAlert cap={csvCap ? csvCap.cap : searchCap} criteria={state.criteria} q={state.q} csv={!!csvCap} />
        )}
        {search.isPending && <p className="state">検索中…</p>}
        {search.error && !capExceeded && (
          <p className="state error" role="alert">
            検索できませんでした。{errorMessage(search.error)}
          </p>
        )}
        {search.data && !capExceeded && search.data.total === 0 && (
          <p className="state empty">条件に一致する折り返し呼はありません。条件を変えて検索してください。</p>
        )}
        {search.data && !capExceeded && search.data.total > 0 && (
          <>
            <Pager
              total={search.data.total}
              page={state.page}
              pageSize={state.pageSize}
              onPage={(page) => go({ page })}
              onPageSize={(pageSize) => go({ pageSize, page: 1 })}
            />
            <div aria-busy={search.isFetching}>
              <ResultTable
                rows={search.data.items}
                columns={shown}
                sort={state.sort}
                onSort={(sort) => go({ sort, page: 1 })}
                changed={live.changedCallbacks}
              />
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function CapAlert({ cap, criteria, q, csv }: { cap: number | null; criteria: Criteria; q: string; csv: boolean }) {
  const target = `/async-searches?${criteriaToParams(criteria, q)}`;
  const capText = cap !== null ? `検索上限(${cap.toLocaleString('ja-JP')}件)` : '検索上限';
  return (
    <div className="alert" role="alert">
      <p>
        {csv ? 'CSVの' : ''}
        {`対象が${capText}を超えています。条件を絞り込むか、同じ条件で非同期検索をご利用ください。`}
      </p>
      <Link to={target} className="button primary">
        この条件で非同期検索する
      </Link>
    </div>
  );
}
