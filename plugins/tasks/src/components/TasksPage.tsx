import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Progress } from '@backstage/core-components';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { TaskListPage } from './TaskListPage';

// The detail page is its own chunk: the list, the page people land on,
// does not wait for it.
const TaskDetailRoute = lazy(() =>
  import('./TaskDetailPage').then(m => ({ default: m.TaskDetailRoute })),
);

/** The lazily loaded Tasks page: the list at `/tasks`, a task at `/tasks/:taskId`. */
export function TasksPage() {
  return (
    <ReactRouterV6PageRouter>
      <Routes>
        <Route path="/" element={<TaskListPage />} />
        <Route
          path="/:taskId"
          element={
            <Suspense fallback={<Progress />}>
              <TaskDetailRoute />
            </Suspense>
          }
        />
      </Routes>
    </ReactRouterV6PageRouter>
  );
}
