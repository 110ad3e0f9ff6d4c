import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Progress } from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { EnvironmentListPage } from './EnvironmentListPage/EnvironmentListPage';

// The environment page is its own chunk: the list does not wait for it.
const EnvironmentRoute = lazy(() =>
  import('./EnvironmentPage/EnvironmentPage').then(m => ({
    default: m.EnvironmentRoute,
  })),
);

/** The lazily loaded Environments page: the list, and one environment at `/:name`. */
export function EnvironmentsPage() {
  return (
    <ReactRouterV6PageRouter>
      <Routes>
        <Route path="/" element={<EnvironmentListPage />} />
        <Route
          path="/:name"
          element={
            <Suspense fallback={<Progress />}>
              <EnvironmentRoute />
            </Suspense>
          }
        />
      </Routes>
    </ReactRouterV6PageRouter>
  );
}
