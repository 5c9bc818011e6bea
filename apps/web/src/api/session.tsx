import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { Navigate, useLocation } from 'react-router';
import { defaultTimeZone } from '../lib/display-time';
import { can, type Action } from '../lib/permissions';
import { ApiError } from './client';
import { api } from './endpoints';
import type { Me } from './types';

const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

export function useCan(action: Action): boolean {
  return can(useMe().roles, action);
}

export function useTimeZone(): string {
  return useContext(MeContext)?.displayTimeZone ?? defaultTimeZone;
}

export const meQuery = { queryKey: ['me'], queryFn: api.me, retry: false, staleTime: 60_000 } as const;

/** Signed-out visitors land on サインイン and come back to where they were going afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useQuery(meQuery);
  if (me.isPending) return <p className="state">読み込み中…</p>;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.error) {
    return (
      <p className="state error" role="alert">
        アカウント情報を読み込めませんでした。再読み込みしてください。
      </p>
    );
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
