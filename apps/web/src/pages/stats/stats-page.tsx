import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { StatsGroup } from '../../api/types';
import { groupByLabels } from '../../lib/labels';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)}秒`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}分`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)}時間`;
  return `${(seconds / 86_400).toFixed(1)}日`;
}

/** 統計: registered/completed per group, backlog and time to complete, as a table and a bar chart. */
export default function StatsPage() {
  const [params, setParams] = useSearchParams();
  const groupBy = params.get('groupBy') ?? 'callCenter';
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState(params.get('to') ?? '');
  const stats = useQuery({ queryKey: ['stats', params.toString()], queryFn: () => api.stats(params) });

  const apply = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next))
      if (value) merged.set(key, value);
      else merged.delete(key);
    setParams(merged);
  };

  return (
    <div className="stats-page">
      <h1>統計</h1>
      <form
        className="criteria inline-form"
        aria-label="集計条件"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ from, to, groupBy });
        }}
      >
        <label className="field">
          <span>集計単位</span>
          <select value={groupBy} onChange={(event) => apply({ groupBy: event.target.value })}>
            {Object.entries(groupByLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>開始日</span>
          <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="field">
          <span>終了日</span>
          <input type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="submit" className="primary">
          集計
        </button>
      </form>
      {stats.isPending && <p className="state">集計中…</p>}
      {stats.error && (
        <p className="state error" role="alert">
          {errorMessage(stats.error)}
        </p>
      )}
      {stats.data && stats.data.groups.length === 0 && (
        <p className="state empty">対象期間の折り返し呼はありません。</p>
      )}
      {stats.data && stats.data.groups.length > 0 && (
        <>
          <BarChart groups={stats.data.groups} />
          <div className="table-wrap">
            <table className="results">
              <thead>
                <tr>
                  <th scope="col">{groupByLabels[groupBy] ?? groupBy}</th>
                  <th scope="col">登録</th>
                  <th scope="col">完了</th>
                  <th scope="col">未完了(残)</th>
                  <th scope="col">未割当</th>
                  <th scope="col">完了までの時間 p50</th>
                  <th scope="col">完了までの時間 p90</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.groups.map((group) => (
                  <tr key={group.key ?? '(none)'}>
                    <th scope="row">{group.key ?? '(なし)'}</th>
                    <td className="number">{group.registered.toLocaleString('ja-JP')}</td>
                    <td className="number">{group.completed.toLocaleString('ja-JP')}</td>
                    <td className="number">{group.open.toLocaleString('ja-JP')}</td>
                    <td className="number">{group.unassigned.toLocaleString('ja-JP')}</td>
                    <td className="number">{duration(group.p50)}</td>
                    <td className="number">{duration(group.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** Registered vs completed per group, drawn from the numbers (the table above carries the same data). */
function BarChart({ groups }: { groups: StatsGroup[] }) {
  const shown = groups.slice(0, 31);
  const max = Math.max(1, ...shown.map((g) => g.registered));
  const band = 28;
  const width = 720;
  const label = 160;
  const scale = (value: number) => ((width - label - 60) * value) / max;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label="グループ別の登録件数と完了件数の棒グラフ"
        viewBox={`0 0 ${width} ${shown.length * band + 30}`}
        className="chart-svg"
      >
        {shown.map((group, index) => (
          <g key={group.key ?? '(none)'} transform={`translate(0 ${index * band})`}>
            <text x={label - 8} y={band / 2 + 4} textAnchor="end" className="chart-label">
              {(group.key ?? '(なし)').slice(0, 14)}
            </text>
            <rect x={label} y={4} height={10} width={scale(group.registered)} className="bar-registered" />
            <rect x={label} y={15} height={10} width={scale(group.completed)} className="bar-completed" />
            <text x={label + scale(group.registered) + 6} y={14} className="chart-value">
              {group.registered}
            </text>
          </g>
        ))}
        <g transform={`translate(${label} ${shown.length * band + 14})`}>
          <rect width={10} height={10} className="bar-registered" />
          <text x={14} y={9} className="chart-label">
            登録
          </text>
          <rect x={60} width={10} height={10} className="bar-completed" />
          <text x={74} y={9} className="chart-label">
            完了
          </text>
        </g>
      </svg>
    </figure>
  );
}
