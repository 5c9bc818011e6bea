import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { AccountSummary, CreatedAccount, Settings } from '../../api/types';
import { roleLabels } from '../../lib/labels';
import { BulkRecordingDownload } from './bulk-recording-download';

/** 管理: system settings and accounts (administrators only). */
export default function AdminPage() {
  return (
    <div className="admin-page">
      <h1>管理</h1>
      <SettingsForm />
      <BulkRecordingDownload />
      <Accounts />
    </div>
  );
}

function SettingsForm() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings'], queryFn: api.settings });
  const [draft, setDraft] = useState<Settings | null>(null);
  const current = draft ?? settings.data ?? null;
  const save = useMutation({
    mutationFn: (next: Settings) =>
      api.saveSettings({
        retentionDays: next.retentionDays,
        searchCap: next.searchCap,
        recordingCap: next.recordingCap,
        bulkRecordingDownload: next.bulkRecordingDownload,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      setDraft(null);
    },
  });
  const number = (key: 'retentionDays' | 'searchCap' | 'recordingCap') => (event: { target: { value: string } }) =>
    current && setDraft({ ...current, [key]: Number(event.target.value) });

  return (
    <section aria-labelledby="settings-title" className="card">
      <h2 id="settings-title">設定</h2>
      {settings.isPending && <p className="state">読み込み中…</p>}
      {settings.error && (
        <p className="error" role="alert">
          {errorMessage(settings.error)}
        </p>
      )}
      {current && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(current);
          }}
        >
          <div className="criteria-grid">
            <label className="field">
              <span>履歴保持期間(日)</span>
              <input type="number" min={1} value={current.retentionDays} onChange={number('retentionDays')} />
            </label>
            <label className="field">
              <span>検索上限(件)</span>
              <input type="number" min={1} value={current.searchCap} onChange={number('searchCap')} />
            </label>
            <label className="field">
              <span>録音上限(件)</span>
              <input type="number" min={0} value={current.recordingCap} onChange={number('recordingCap')} />
            </label>
            <div className="field checkbox">
              <label>
                <input
                  type="checkbox"
                  checked={current.bulkRecordingDownload}
                  onChange={(event) => setDraft({ ...current, bulkRecordingDownload: event.target.checked })}
                />
                録音一括ダウンロードを許可する
              </label>
            </div>
          </div>
          {save.error && (
            <p className="error" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          {save.isSuccess && !draft && <p role="status">設定を保存しました。</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending || !draft}>
              設定を保存
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function accountsOf(data: { items: AccountSummary[] } | AccountSummary[] | undefined): AccountSummary[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

function Accounts() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedAccount | null>(null);
  // The list is a view the projector keeps: a just-created account shows up a moment later, so the list is
  // asked again every half second until it holds the new account.
  const accounts = useQuery({
    queryKey: ['accounts'],
    queryFn: api.accounts,
    retry: false,
    refetchInterval: (query) =>
      created && !accountsOf(query.state.data).some((account) => account.id === created.id) ? 500 : false,
  });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['agent']);
  const create = useMutation({
    mutationFn: () =>
      api.createAccount({
        name: name.trim(),
        email: email.trim() || null,
        roles,
        ...(password ? { password } : {}),
      }),
    onSuccess: (account) => {
      setCreated(account);
      setName('');
      setEmail('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const list = accountsOf(accounts.data);
  const passwordTooShort = password.length > 0 && [...password].length < 12;

  return (
    <section aria-labelledby="accounts-title" className="card">
      <h2 id="accounts-title">アカウント</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!passwordTooShort && roles.length > 0) create.mutate();
        }}
      >
        <div className="criteria-grid">
          <label className="field">
            <span>アカウント名</span>
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <label className="field">
            <span>メールアドレス(任意)</span>
            <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label className="field">
            <span>パスワード(12文字以上)</span>
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={passwordTooShort}
            />
          </label>
        </div>
        <fieldset className="roles">
          <legend>ロール</legend>
          {Object.entries(roleLabels).map(([role, label]) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) =>
                  setRoles((previous) =>
                    event.target.checked ? [...previous, role] : previous.filter((r) => r !== role),
                  )
                }
              />
              {label}
            </label>
          ))}
        </fieldset>
        {passwordTooShort && <p className="error">パスワードは12文字以上にしてください。</p>}
        {roles.length === 0 && <p className="error">ロールを1つ以上選んでください。</p>}
        {create.error && (
          <p className="error" role="alert">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            アカウントを作成
          </button>
        </div>
      </form>
      {created && (
        <div className="alert token" role="status">
          <p>
            アカウント「{created.name}」を作成しました。APIトークンは今回だけ表示されます。安全な場所に控えてください。
          </p>
          <code className="mono">{created.token}</code>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.token)}>
            コピー
          </button>
        </div>
      )}
      {accounts.error ? (
        <p className="hint">
          アカウント一覧を読み込めませんでした。
          {accounts.error instanceof ApiError && accounts.error.status === 404
            ? 'サーバーがアカウント一覧に対応していません。'
            : errorMessage(accounts.error)}
        </p>
      ) : (
        list.length > 0 && (
          <table className="results">
            <thead>
              <tr>
                <th scope="col">アカウント名</th>
                <th scope="col">メールアドレス</th>
                <th scope="col">ロール</th>
              </tr>
            </thead>
            <tbody>
              {list.map((account) => (
                <tr key={account.id}>
                  <td>{account.name}</td>
                  <td>{account.email ?? ''}</td>
                  <td>{account.roles.map((role) => roleLabels[role] ?? role).join('・')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}
