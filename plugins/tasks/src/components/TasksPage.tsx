import { Route, Routes } from 'react-router-dom';
import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { TaskDetailRoute } from './TaskDetailPage';
import { TaskListPage } from './TaskListPage';

/** The lazily loaded Tasks page: the list at `/tasks`, a task at `/tasks/:taskId`. */
export function TasksPage() {
  return (
    <ReactRouterV6PageRouter>
      <Routes>
        <Route path="/" element={<TaskListPage />} />
        <Route path="/:taskId" element={<TaskDetailRoute />} />
      </Routes>
    </ReactRouterV6PageRouter>
  );
}
