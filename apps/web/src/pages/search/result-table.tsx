import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { CallbackView } from '../../api/types';
import { useTimeZone } from '../../api/session';
import { type ColumnName, columnLabels } from '../../lib/columns';
import { formatDisplayTime } from '../../lib/display-time';
import { statusLabels } from '../../lib/labels';
import type { Sort } from '../../lib/search-state';
import { recordingLabel } from '../../lib/recording-label';

interface ResultTableProps {
  rows: CallbackView[];
  columns: ColumnName[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  /** Rows changed since the list loaded are marked (never moved under the pointer). */
  changed: ReadonlySet<string>;
}

function cellOf(name: ColumnName, row: CallbackView, timeZone: string) {
  switch (name) {
    case 'id':
      return (
        <Link to={`/callbacks/${encodeURIComponent(row.id)}`} className="mono" title={row.id}>
          {row.id.slice(0, 8)}
        </Link>
      );
    case 'registeredAt':
    case 'receivedAt':
      return <span className="nowrap">{formatDisplayTime(row[name], timeZone)}</span>;
    case 'status':
      return <span className={`status status-${row.status}`}>{statusLabels[row.status] ?? row.status}</span>;
    case 'agent':
      return row.agent ?? <span className="muted">未割当</span>;
    case 'callerNumber':
      return row.callerNumber ?? <span className="muted">非通知</span>;
    case 'recording':
      return row.recording ? 'あり' : <span className="muted">{recordingLabel(row)}</span>;
    case 'memo':
      return row.memo ? (
        <span className="memo-cell" title={row.memo}>
          {row.memo}
        </span>
      ) : (
        ''
      );
    default:
      return row[name] ?? '';
  }
}

export function ResultTable({ rows, columns, sort, onSort, changed }: ResultTableProps) {
  const timeZone = useTimeZone();
  const definitions = useMemo<ColumnDef<CallbackView>[]>(
    () =>
      columns.map((name) => ({
        id: name,
        header: columnLabels[name],
        cell: ({ row }) => cellOf(name, row.original, timeZone),
      })),
    [columns, timeZone],
  );
  const table = useReactTable({ data: rows, columns: definitions, getCoreRowModel: getCoreRowModel() });

  return (
    <div className="table-wrap">
      <table className="results">
        <caption className="visually-hidden">折り返し呼の検索結果</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sortable = header.column.id === 'registeredAt';
                const ascending = sort === 'registeredAt';
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sortable ? (ascending ? 'ascending' : 'descending') : undefined}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => onSort(ascending ? '-registeredAt' : 'registeredAt')}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">{ascending ? ' ▲' : ' ▼'}</span>
                        <span className="visually-hidden">{ascending ? '(古い順)' : '(新しい順)'}</span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={changed.has(row.original.id) ? 'changed' : undefined}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-column={cell.column.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
