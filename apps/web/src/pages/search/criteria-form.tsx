import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { useTimeZone } from '../../api/session';
import { isoToLocalInput, localInputToIso } from '../../lib/display-time';
import { localToPeriodText, periodTextToLocal } from '../../lib/period-input';
import type { Criteria } from '../../lib/search-state';

interface Draft {
  from: string;
  to: string;
  callCenter: string;
  businessLabel: string;
  agent: string;
  status: string;
  callerNumber: string;
  ourNumber: string;
  requestId: string;
}

function draftOf(criteria: Criteria, timeZone: string): Draft {
  return {
    from: localToPeriodText(isoToLocalInput(criteria.from, timeZone)),
    to: localToPeriodText(isoToLocalInput(criteria.to, timeZone)),
    callCenter: criteria.callCenter ?? '',
    businessLabel: criteria.businessLabel ?? '',
    agent: criteria.agent ?? '',
    status: criteria.status ?? '',
    callerNumber: criteria.callerNumber ?? '',
    ourNumber: criteria.ourNumber ?? '',
    requestId: criteria.requestId ?? '',
  };
}

/** The period as wall-clock values, or the Japanese reason it cannot be searched. */
function periodOf(draft: Draft): { from: string; to: string } | { error: string } {
  const from = periodTextToLocal(draft.from, 'start');
  const to = periodTextToLocal(draft.to, 'end');
  if (from === null || to === null)
    return { error: '期間は「2026/12/01 09:00」のように 年/月/日 時:分 で入力してください。' };
  if (from && to && from > to) return { error: '期間の開始は終了以前の日時にしてください。' };
  return { from, to };
}

function criteriaOf(draft: Draft, period: { from: string; to: string }, timeZone: string): Criteria {
  const criteria: Criteria = {};
  const from = period.from ? localInputToIso(period.from, timeZone) : null;
  const to = period.to ? localInputToIso(period.to, timeZone, true) : null;
  if (from) criteria.from = from;
  if (to) criteria.to = to;
  for (const key of [
    'callCenter',
    'businessLabel',
    'agent',
    'status',
    'callerNumber',
    'ourNumber',
    'requestId',
  ] as const)
    if (draft[key].trim()) criteria[key] = draft[key].trim();
  return criteria;
}

interface CriteriaFormProps {
  criteria: Criteria;
  onSubmit: (criteria: Criteria) => void;
  submitLabel?: string;
  /** Extra fields (非同期検索's memo, notification, encoding) placed before the buttons. */
  children?: React.ReactNode;
}

/** Every criterion of product.md §3; the period is wall-clock time in the display zone. */
export function CriteriaForm({ criteria, onSubmit, submitLabel = '検索', children }: CriteriaFormProps) {
  const timeZone = useTimeZone();
  const [draft, setDraft] = useState(() => draftOf(criteria, timeZone));
  const [syncedWith, setSyncedWith] = useState(criteria);
  const [periodError, setPeriodError] = useState<string | null>(null);
  const choices = useQuery({ queryKey: ['choices'], queryFn: api.choices, staleTime: 5 * 60_000 });

  // Back/forward changes the criteria in the URL: the form follows.
  if (syncedWith !== criteria && JSON.stringify(syncedWith) !== JSON.stringify(criteria)) {
    setSyncedWith(criteria);
    setDraft(draftOf(criteria, timeZone));
  }

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [key]: event.target.value }));

  const options = (values: string[] | undefined, current: string) => {
    const list = values ?? [];
    return (current && !list.includes(current) ? [current, ...list] : list).map((value) => (
      <option key={value} value={value}>
        {value}
      </option>
    ));
  };

  return (
    <form
      className="criteria"
      aria-label="検索条件"
      onSubmit={(event) => {
        event.preventDefault();
        const period = periodOf(draft);
        if ('error' in period) {
          setPeriodError(period.error);
          return;
        }
        setPeriodError(null);
        onSubmit(criteriaOf(draft, period, timeZone));
      }}
    >
      <fieldset className="period">
        <legend>期間(登録日時)</legend>
        <PeriodField label="開始" value={draft.from} onChange={set('from')} invalid={!!periodError} />
        <span aria-hidden="true" className="tilde">
          〜
        </span>
        <PeriodField label="終了" value={draft.to} onChange={set('to')} invalid={!!periodError} />
        <p className="hint" id="period-hint">
          年/月/日 時:分(時刻を省くとその日全体)
        </p>
        {periodError && (
          <p className="error" role="alert">
            {periodError}
          </p>
        )}
      </fieldset>
      <div className="criteria-grid">
        <label className="field">
          <span>コールセンター名</span>
          <select value={draft.callCenter} onChange={set('callCenter')}>
            <option value="">すべて</option>
            {options(choices.data?.callCenters, draft.callCenter)}
          </select>
        </label>
        <label className="field">
          <span>業務ラベル名</span>
          <select value={draft.businessLabel} onChange={set('businessLabel')}>
            <option value="">すべて</option>
            {options(choices.data?.businessLabels, draft.businessLabel)}
          </select>
        </label>
        <label className="field">
          <span>担当者</span>
          <select value={draft.agent} onChange={set('agent')}>
            <option value="">すべて</option>
            <option value="-">未割当</option>
            {options(choices.data?.agents, draft.agent === '-' ? '' : draft.agent)}
          </select>
        </label>
        <label className="field">
          <span>対応状況</span>
          <select value={draft.status} onChange={set('status')}>
            <option value="">すべて</option>
            <option value="incomplete">未完了</option>
            <option value="complete">完了</option>
          </select>
        </label>
        <label className="field">
          <span>相手の番号</span>
          <input value={draft.callerNumber} onChange={set('callerNumber')} inputMode="tel" />
        </label>
        <label className="field">
          <span>こちらの番号</span>
          <input value={draft.ourNumber} onChange={set('ourNumber')} inputMode="tel" />
        </label>
        <label className="field">
          <span>リクエストID</span>
          <input value={draft.requestId} onChange={set('requestId')} />
        </label>
      </div>
      {choices.error && <p className="hint">選択肢を読み込めませんでした(値を直接指定した検索は可能です)。</p>}
      {children}
      <div className="actions">
        <button type="button" onClick={() => setDraft(draftOf({}, timeZone))}>
          クリア
        </button>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** One end of the period, typed in Japanese order whatever the browser's locale (see lib/period-input). */
function PeriodField(props: {
  label: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  invalid: boolean;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        value={props.value}
        onChange={props.onChange}
        placeholder="YYYY/MM/DD HH:mm"
        inputMode="numeric"
        autoComplete="off"
        aria-describedby="period-hint"
        aria-invalid={props.invalid}
      />
    </label>
  );
}
