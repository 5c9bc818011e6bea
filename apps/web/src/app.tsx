import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { LiveEventsProvider, useLive } from './api/live-events';
import { RequireSignIn } from './api/session';
import { Header } from './components/header';
import { SearchPage } from './pages/search/search-page';
import { SignInPage } from './pages/sign-in-page';

// Pages off the everyday path load on first visit, keeping the first load small.
const DetailPage = lazy(() => import('./pages/detail/detail-page'));
const AsyncSearchPage = lazy(() => import('./pages/async/async-search-page'));
const StatsPage = lazy(() => import('./pages/stats/stats-page'));
const AdminPage = lazy(() => import('./pages/admin/admin-page'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing resource will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** The polite live region; `data-live` tells whether the event stream is open (tests wait for it). */
function LiveRegion() {
  const { announcement, connected } = useLive();
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-live={connected ? 'open' : 'closed'}>
      {announcement}
    </div>
  );
}

function Shell() {
  return (
    <RequireSignIn>
      <LiveEventsProvider>
        <a className="skip-link" href="#main">
          本文へ移動
        </a>
        <Header />
        <main id="main" className="page">
          <Suspense fallback={<p className="state">読み込み中…</p>}>
            <Outlet />
          </Suspense>
        </main>
        <LiveRegion />
      </LiveEventsProvider>
    </RequireSignIn>
  );
}

const router = createBrowserRouter(
  [
    { path: '/signin', element: <SignInPage /> },
    {
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/callbacks" replace /> },
        { path: 'callbacks', element: <SearchPage /> },
        { path: 'callbacks/:id', element: <DetailPage /> },
        { path: 'async-searches', element: <AsyncSearchPage /> },
        { path: 'stats', element: <StatsPage /> },
        { path: 'admin', element: <AdminPage /> },
        { path: '*', element: <p className="state">ページが見つかりません。</p> },
      ],
    },
  ],
  { basename: '/ui' },
);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
