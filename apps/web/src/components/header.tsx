import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { api } from '../api/endpoints';
import { useMe } from '../api/session';
import { roleNames } from '../lib/labels';
import { can } from '../lib/permissions';
import { Dialog } from './dialog';

export function Header() {
  const me = useMe();
  const [menuOpen, setMenuOpen] = useState(false);
  const [emailOpen, setEmailOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: api.signOut,
    onSettled: () => {
      queryClient.clear();
      void navigate('/signin');
    },
  });

  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menuRef.current?.contains(event.target as Node))
        setMenuOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          折
        </span>
        折り返し呼管理
      </div>
      <nav aria-label="メインメニュー" className="main-nav">
        <NavLink to="/callbacks">折り返し呼履歴</NavLink>
        <NavLink to="/async-searches">非同期検索</NavLink>
        {can(me.roles, 'readStats') && <NavLink to="/stats">統計</NavLink>}
        {can(me.roles, 'administer') && <NavLink to="/admin">管理</NavLink>}
      </nav>
      <div className="account-menu" ref={menuRef}>
        <button
          type="button"
          className="account-button"
          aria-expanded={menuOpen}
          aria-controls="account-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="account-name">{me.name}</span>
          <span className="account-role">{roleNames(me.roles)}</span>
        </button>
        {menuOpen && (
          <ul className="menu-list" id="account-menu">
            <li>
              <button
                type="button"
                onClick={() => {
                  setMenuOpen(false);
                  setEmailOpen(true);
                }}
              >
                メールアドレス登録
              </button>
            </li>
            <li>
              <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                サインアウト
              </button>
            </li>
          </ul>
        )}
      </div>
      <EmailDialog open={emailOpen} onClose={() => setEmailOpen(false)} current={me.email} />
    </header>
  );
}

function EmailDialog({ open, onClose, current }: { open: boolean; onClose: () => void; current: string | null }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(current ?? '');
  const save = useMutation({
    mutationFn: () => api.registerEmail(email.trim() === '' ? null : email.trim()),
    onSuccess: (me) => {
      queryClient.setQueryData(['me'], (old: object | undefined) => ({ ...old, ...me }));
      onClose();
    },
  });
  return (
    <Dialog open={open} title="メールアドレス登録" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <p className="hint">非同期検索の完了通知がこのアドレスに届きます。空にすると登録を解除します。</p>
        <label className="field">
          <span>メールアドレス</span>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="email" />
        </label>
        {save.error && (
          <p className="error" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            キャンセル
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
