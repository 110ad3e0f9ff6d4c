import { screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { makeTask, mockTasksApi, renderWithTasksApi } from '../__testUtils__';
import { TaskDetailPage } from './TaskDetailPage';
import { TaskListPage } from './TaskListPage';

// A file of its own: usePermission caches decisions per module instance, so
// "deny" must not share a module registry with the "allow" tests.
jest.setTimeout(30_000);

const task = makeTask({ title: 'Locked task' });

async function render(element: JSX.Element) {
  const tasksApi = mockTasksApi({
    listTasks: jest.fn().mockResolvedValue({ items: [task] }),
    getTask: jest.fn().mockResolvedValue(task),
  });
  await renderWithTasksApi(element, {
    tasksApi,
    permission: AuthorizeResult.DENY,
  });
  return { tasksApi };
}

describe('permission-aware UI (policy denies everything but reading)', () => {
  it('hides create and disables the inline status change on the Tasks page', async () => {
    await render(<TaskListPage />);
    await screen.findByText('Locked task');
    expect(
      screen.queryByRole('button', { name: /Create task/ }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: /Status of Locked task/ }),
      ).toBeDisabled(),
    );
  });

  it('shows the detail page read-only: no save, delete or comment', async () => {
    await render(<TaskDetailPage taskId={task.id} />);
    expect(
      await screen.findByText('You do not have permission to edit this task.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Title/)).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Comment' }),
    ).not.toBeInTheDocument();
  });
});
