import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { api } from '../api/endpoints';

/** Only paths of this screen are followed after sign-in (never another site). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/callbacks';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.signIn(login.trim(), password),
    onSuccess: () => {
      // Whatever was cached while signed out (a 401) is not this account: start from nothing.
      queryClient.removeQueries();
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const failure =
    signIn.error instanceof ApiError && signIn.error.status === 401
      ? 'アカウント名(またはメールアドレス)かパスワードが正しくありません。'
      : signIn.error
        ? errorMessage(signIn.error)
        : null;

  return (
    <main className="sign-in">
      <form
        className="sign-in-card"
        onSubmit={(event) => {
          event.preventDefault();
          signIn.mutate();
        }}
      >
        <h1>サインイン</h1>
        <p className="hint">折り返し呼管理にサインインしてください。</p>
        <label className="field">
          <span>アカウント名またはメールアドレス</span>
          <input
            name="login"
            value={login}
            onChange={(event) => setLogin(event.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label className="field">
          <span>パスワード</span>
          <input
            name="password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={signIn.isPending}>
          {signIn.isPending ? 'サインイン中…' : 'サインイン'}
        </button>
      </form>
    </main>
  );
}
