import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TASKS_SIGNAL_CHANNEL } from '@taskplatform/plugin-tasks-common';
import {
  fakeSignalApi,
  makeTask,
  mockTasksApi,
  renderWithTasksApi,
} from '../__testUtils__';
import { TaskListPage } from './TaskListPage';

// Dialog interactions are slow on a busy CI machine.
jest.setTimeout(30_000);

const catalogApi = {
  queryEntities: jest.fn().mockResolvedValue({ items: [], totalItems: 0 }),
};

async function renderPage(options: {
  tasksApi: ReturnType<typeof mockTasksApi>;
  signals?: ReturnType<typeof fakeSignalApi>;
}) {
  const { tasksApi, signals = fakeSignalApi() } = options;
  await renderWithTasksApi(<TaskListPage />, {
    tasksApi,
    catalogApi,
    apis: [[signalApiRef, signals]],
  });
  return { signals };
}

describe('TaskListPage', () => {
  it('shows the first page of tasks from the server', async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest.fn().mockResolvedValue({
        items: [makeTask({ title: 'Patch OpenSSL' })],
        nextCursor: 'next-1',
        totalCount: 51,
      }),
    });
    await renderPage({ tasksApi });
    expect(await screen.findByText('Patch OpenSSL')).toBeInTheDocument();
    expect(screen.getByText('1–1 of 51')).toBeInTheDocument();
    expect(tasksApi.listTasks).toHaveBeenCalledWith(
      expect.objectContaining({
        limit: 50,
        sort: 'createdAt',
        order: 'desc',
        cursor: undefined,
      }),
    );
  });

  it('shows a capped total as "10000+"', async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest.fn().mockResolvedValue({
        items: [makeTask({ title: 'One of many' })],
        nextCursor: 'next-1',
        totalCount: 10000,
        totalCountCapped: true,
      }),
    });
    await renderPage({ tasksApi });
    expect(await screen.findByText('1–1 of 10000+')).toBeInTheDocument();
  });

  it('pages with the server cursor', async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest
        .fn()
        .mockResolvedValueOnce({
          items: [makeTask({ title: 'First page task' })],
          nextCursor: 'cursor-2',
        })
        .mockResolvedValue({
          items: [makeTask({ title: 'Second page task' })],
        }),
    });
    await renderPage({ tasksApi });
    await screen.findByText('First page task');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Second page task')).toBeInTheDocument();
    expect(tasksApi.listTasks).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'cursor-2' }),
    );
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('sends the search text and the status filter to the server', async () => {
    const tasksApi = mockTasksApi();
    await renderPage({ tasksApi });
    await screen.findByText('No tasks yet');

    await userEvent.type(screen.getByLabelText('Search'), 'openssl');
    await waitFor(() =>
      expect(tasksApi.listTasks).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'openssl' }),
      ),
    );

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Blocked' }),
    );
    await waitFor(() =>
      expect(tasksApi.listTasks).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'openssl', status: ['blocked'] }),
      ),
    );
    expect(await screen.findByText('No matching tasks')).toBeInTheDocument();
  });

  it('"My tasks" and "Created by me" filter by the signed-in user', async () => {
    const tasksApi = mockTasksApi();
    await renderPage({ tasksApi });
    await screen.findByText('No tasks yet');
    await userEvent.click(screen.getByRole('tab', { name: 'My tasks' }));
    await waitFor(() =>
      expect(tasksApi.listTasks).toHaveBeenLastCalledWith(
        expect.objectContaining({ assignee: 'user:default/jane' }),
      ),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Created by me' }));
    await waitFor(() =>
      expect(tasksApi.listTasks).toHaveBeenLastCalledWith(
        expect.objectContaining({ createdBy: 'user:default/jane' }),
      ),
    );
  });

  it('changes the status inline with the version that was read', async () => {
    const task = makeTask({ title: 'Inline', status: 'todo', version: 4 });
    const tasksApi = mockTasksApi({
      listTasks: jest.fn().mockResolvedValue({ items: [task] }),
      updateTask: jest
        .fn()
        .mockResolvedValue({ ...task, status: 'done', version: 5 }),
    });
    await renderPage({ tasksApi });
    const select = await screen.findByRole('combobox', {
      name: /Status of Inline/,
    });
    await waitFor(() => expect(select).toBeEnabled());
    fireEvent.change(select, { target: { value: 'done' } });
    await waitFor(() => expect(select).toHaveValue('done'));
    expect(tasksApi.updateTask).toHaveBeenCalledWith(task.id, 4, {
      status: 'done',
    });
    // The change refreshes the charts; let that request settle.
    await waitFor(() => expect(tasksApi.getStats).toHaveBeenCalledTimes(2));
  });

  it('changes the status of all selected tasks at once', async () => {
    const a = makeTask({ id: 'a', title: 'Task A' });
    const b = makeTask({ id: 'b', title: 'Task B' });
    const tasksApi = mockTasksApi({
      listTasks: jest.fn().mockResolvedValue({ items: [a, b] }),
      bulkUpdateStatus: jest
        .fn()
        .mockResolvedValue({ updated: [a, b], failed: [] }),
    });
    await renderPage({ tasksApi });
    await screen.findByText('Task A');
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Select all tasks on this page' }),
    );
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Apply to selected' }),
    );
    expect(tasksApi.bulkUpdateStatus).toHaveBeenCalledWith({
      ids: ['a', 'b'],
      status: 'done',
    });
    expect(await screen.findByText('Updated 2 task(s)')).toBeInTheDocument();
    // The list and the charts reload; let those requests settle.
    await waitFor(() => {
      expect(tasksApi.listTasks).toHaveBeenCalledTimes(2);
      expect(tasksApi.getStats).toHaveBeenCalledTimes(2);
    });
  });

  it('creates a task from the dialog', async () => {
    const tasksApi = mockTasksApi();
    await renderPage({ tasksApi });
    await screen.findByText('No tasks yet');
    await userEvent.click(
      (
        await screen.findAllByRole('button', { name: /Create task/ })
      )[0],
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Title is required')).toBeInTheDocument();
    expect(tasksApi.createTask).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText(/Title/), 'New task');
    await userEvent.type(screen.getByLabelText('Description'), '# Heading');
    await userEvent.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(
      await screen.findByRole('heading', { name: 'Heading' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(tasksApi.createTask).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'New task',
          description: '# Heading',
          status: 'todo',
          priority: 'medium',
        }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows the backend error when loading fails', async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    await renderPage({ tasksApi });
    expect(
      await screen.findByText('Could not load tasks', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend down/).length).toBeGreaterThan(0);
  });

  it('reloads when a task changes elsewhere (signal)', async () => {
    const tasksApi = mockTasksApi({
      listTasks: jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [makeTask({ title: 'Arrived live' })] }),
    });
    const { signals } = await renderPage({ tasksApi });
    await screen.findByText('No tasks yet');
    signals.publish(TASKS_SIGNAL_CHANNEL, {
      type: 'created',
      taskIds: ['x'],
      entityRefs: [],
    });
    expect(await screen.findByText('Arrived live')).toBeInTheDocument();
  });
});
